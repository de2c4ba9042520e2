using TP = System.Numerics.Tensors.TensorPrimitives;

namespace Autograd;

/// <summary>
/// What the engine keeps per tensor beside the numbers: the gradient, the versions for the in-place check, and a
/// leaf's gradient set aside during a pass.
/// </summary>
public partial class Tensor
{
    private double[]? grad;
    private double[]? gradBeforePass;
    private bool hasGradBeforePass;

    // True while the gradient is known to hold only zeros (just allocated or cleared, and not handed out since), so a
    // leaf's pass need not scan it for something to set aside: a parameter after ZeroGrad(), every training step.
    private bool gradKnownZero;

    /// <summary>Notes that this leaf's numbers were changed in place (see <see cref="Version"/>).</summary>
    internal void MarkChanged() => version++;

    internal override bool TracksInputVersions => true;

    internal override void CheckInputsUnchanged(string operation)
    {
        for (int i = 0; i < InputCount; i++)
        {
            var input = (Tensor)GetInput(i);
            int saved = i == 0 ? firstInputVersion : laterInputVersions![i - 1];
            if (input.version != saved)
            {
                string name = input.Label is null ? $"input {i} ({input.Shape})" : $"input {i} ('{input.Label}', {input.Shape})";
                throw new InvalidOperationException(
                    $"{operation}: {name} of {Op} was changed in place after {Op} used it (it is at version " +
                    $"{input.version}, {Op} saw version {saved}), so this gradient would mix old and new numbers. " +
                    "Build the graph again from the changed tensor (run the forward pass again), then call Backward().");
            }
        }
    }

    internal override void ClearGrad()
    {
        if (grad is not null)
        {
            Array.Clear(grad);
            gradKnownZero = true;
        }
    }

    internal override void BeginLeafPass()
    {
        // A gradient of zeros (the usual case in a training loop, after ZeroGrad) needs nothing set aside.
        hasGradBeforePass = grad is not null && !gradKnownZero && grad.Any(g => g != 0);
        if (hasGradBeforePass && grad is not null)
        {
            gradBeforePass ??= new double[grad.Length];
            grad.CopyTo(gradBeforePass, 0);
            Array.Clear(grad);
        }
    }

    internal override void EndLeafPass()
    {
        gradKnownZero = false;
        if (hasGradBeforePass)
        {
            TP.Add(GradValues, gradBeforePass, GradValues);
        }
    }
}
