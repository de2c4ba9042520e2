using Autograd.Kernels;

namespace Autograd.Ops;

/// <summary>The hyperbolic tangent of every element. <c>x.Tanh()</c> builds one.</summary>
public sealed class TanhTensor : Tensor
{
    /// <summary>Builds the node and computes its value.</summary>
    public TanhTensor(Tensor x, string? label = null)
        : base(SameShape(x), label, x)
    {
        Transcendental.Tanh(x.Values, Values);
    }

    /// <summary>The input.</summary>
    public Tensor X => (Tensor)GetInput(0);

    private protected override string OpName => "Tanh";

    internal override void PropagateGrad()
    {
        // d(tanh x)/dx = 1 - tanh²x, written with this node's own values.
        if (X.RequiresGrad)
        {
            Elementwise.TanhBackward(Values, GradValues, X.GradValues);
        }
    }
}
