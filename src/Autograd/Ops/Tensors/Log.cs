using Autograd.Kernels;

namespace Autograd.Ops.Tensors;

/// <summary>The natural logarithm of every element: -∞ at 0 and NaN below, as IEEE 754 says. <c>x.Log()</c> builds one.</summary>
public sealed class Log : Tensor
{
    /// <summary>Builds the node and computes its value.</summary>
    public Log(Tensor x, string? label = null)
        : base(SameShape(x), x)
    {
        Label = label;
        Transcendental.Log(DataOf(x), DataOf(this));
    }

    /// <inheritdoc/>
    protected override void PropagateGrad()
    {
        // d(log x)/dx = 1/x (+∞ at 0, as PyTorch gives).
        var x = Inputs[0];
        if (x.RequiresGrad)
        {
            Elementwise.LogBackward(DataOf(x), GradOf(this), GradOf(x));
        }
    }
}
