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

    // What the gradient array holds. Zeros: only zeros, so a leaf's pass need not scan it for something to set aside
    // (a parameter after ZeroGrad(), every training step). PendingZeros: the gradient is zero but the array was not
    // cleared yet; the first reader clears it, and a rule that writes its whole contribution in one go
    // (GradToOverwrite) stores it without the clearing, which for a large weight is a pass over megabytes saved.
    private GradContent gradContent;

    // Set once the array has been handed out through Grad: from then on ZeroGrad clears it at once, since the holder
    // may look at it.
    private bool gradHandedOut;

    private enum GradContent : byte
    {
        Values,
        Zeros,
        PendingZeros,
    }

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
        if (grad is null)
        {
            return;
        }

        if (gradHandedOut)
        {
            Array.Clear(grad);
            gradContent = GradContent.Zeros;
        }
        else
        {
            gradContent = GradContent.PendingZeros;
        }
    }

    internal override void BeginLeafPass()
    {
        // A gradient of zeros (the usual case in a training loop, after ZeroGrad) needs nothing set aside.
        hasGradBeforePass = grad is not null && gradContent == GradContent.Values && grad.Any(g => g != 0);
        if (hasGradBeforePass && grad is not null)
        {
            gradBeforePass ??= new double[grad.Length];
            grad.CopyTo(gradBeforePass, 0);
            ClearGrad();
        }
    }

    internal override void EndLeafPass()
    {
        if (hasGradBeforePass)
        {
            var gradient = GradToAdd;
            TP.Add(gradient, gradBeforePass, gradient);
        }
    }

    /// <summary>The gradient array, cleared first if its clearing was left pending; for reading it.</summary>
    internal double[] GradValues
    {
        get
        {
            if (grad is null)
            {
                grad = NewGrad();
                gradContent = GradContent.Zeros;
            }
            else if (gradContent == GradContent.PendingZeros)
            {
                Array.Clear(grad);
                gradContent = GradContent.Zeros;
            }

            return grad;
        }
    }

    /// <summary>The gradient array, for adding into it.</summary>
    internal double[] GradToAdd
    {
        get
        {
            var values = GradValues;
            gradContent = GradContent.Values;
            return values;
        }
    }

    /// <summary>
    /// For an operation's rule that computes its whole contribution to an input's gradient in one go: the gradient of
    /// <paramref name="tensor"/>, and whether it is still zero (a parameter after <c>ZeroGrad()</c>, an input that no
    /// other rule has reached yet in this pass). When it is, the rule may store its contribution in every element
    /// instead of adding it, which spares clearing the array and reading it back: for a large weight, two passes over
    /// megabytes. Store exactly what adding to +0 would give (x + 0.0, which turns -0 into +0), so the bits match.
    /// </summary>
    /// <param name="tensor">The input whose gradient the rule writes.</param>
    /// <param name="isZero">
    /// True when the gradient is zero: the array may then hold anything, and the rule must write every element.
    /// </param>
    /// <returns>The gradient, as a span (see <see cref="GradOf"/>).</returns>
    /// <exception cref="ObjectDisposedException">The tensor's arrays were already recycled.</exception>
    protected static Span<double> GradToOverwrite(Tensor tensor, out bool isZero)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        tensor.ThrowIfRecycled();
        if (tensor.grad is null)
        {
            tensor.grad = tensor.NewGrad(clear: false);
            isZero = true;
        }
        else
        {
            isZero = tensor.gradContent != GradContent.Values;
        }

        tensor.gradContent = GradContent.Values;
        return tensor.grad;
    }
}
