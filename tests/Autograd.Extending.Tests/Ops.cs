namespace Autograd.Extending.Tests;

// Operations a learner writes, exactly as the library writes its own: a constructor that passes the value (or the
// shape) and the inputs to the base class, and the local rule.

/// <summary>sin x, one input.</summary>
public sealed class Sin : Scalar
{
    public Sin(Scalar x) : base(Math.Sin(x.Value), x) { }

    protected override void PropagateGrad() => AccumulateGrad(Inputs[0], Math.Cos(Inputs[0].Value) * Grad);
}

/// <summary>a·b + c, three inputs.</summary>
public sealed class MulAdd : Scalar
{
    public MulAdd(Scalar a, Scalar b, Scalar c) : base((a.Value * b.Value) + c.Value, a, b, c) { }

    protected override void PropagateGrad()
    {
        AccumulateGrad(Inputs[0], Inputs[1].Value * Grad);
        AccumulateGrad(Inputs[1], Inputs[0].Value * Grad);
        AccumulateGrad(Inputs[2], Grad);
    }
}

/// <summary>x² for every element, written with the plain arrays <c>Data</c> and <c>Grad</c>.</summary>
public sealed class Square : Tensor
{
    public Square(Tensor x) : base(x.Rows, x.Cols, x)
    {
        for (int i = 0; i < Data.Length; i++)
        {
            Data[i] = x.Data[i] * x.Data[i];
        }
    }

    protected override void PropagateGrad()
    {
        var x = Inputs[0];
        if (!x.RequiresGrad)
        {
            return;
        }

        for (int i = 0; i < Data.Length; i++)
        {
            x.Grad[i] += 2 * x.Data[i] * Grad[i];
        }
    }
}

/// <summary>
/// A whole linear layer in one node, X·W + b (b one row, added to every row), written with spans (<c>DataOf</c>,
/// <c>GradOf</c>) as the library's own operations are, so a <c>Tensor.Scope()</c> can recycle its arrays.
/// </summary>
public sealed class Affine : Tensor
{
    public Affine(Tensor x, Tensor w, Tensor b) : base(CheckedRows(x, w, b), w.Cols, x, w, b)
    {
        var xs = DataOf(x);
        var ws = DataOf(w);
        var bs = DataOf(b);
        var ys = DataOf(this);
        for (int i = 0; i < Rows; i++)
        {
            for (int j = 0; j < Cols; j++)
            {
                double sum = bs[j];
                for (int p = 0; p < x.Cols; p++)
                {
                    sum += xs[(i * x.Cols) + p] * ws[(p * Cols) + j];
                }

                ys[(i * Cols) + j] = sum;
            }
        }
    }

    protected override void PropagateGrad()
    {
        var (x, w, b) = (Inputs[0], Inputs[1], Inputs[2]);
        int inner = x.Cols;
        var dy = GradOf(this);
        var xs = DataOf(x);
        var ws = DataOf(w);
        for (int i = 0; i < Rows; i++)
        {
            for (int j = 0; j < Cols; j++)
            {
                double g = dy[(i * Cols) + j];
                if (b.RequiresGrad)
                {
                    GradOf(b)[j] += g;                                        // db = column sums of dY
                }

                for (int p = 0; p < inner; p++)
                {
                    if (x.RequiresGrad)
                    {
                        GradOf(x)[(i * inner) + p] += g * ws[(p * Cols) + j];  // dX = dY·Wᵀ
                    }

                    if (w.RequiresGrad)
                    {
                        GradOf(w)[(p * Cols) + j] += g * xs[(i * inner) + p];  // dW = Xᵀ·dY
                    }
                }
            }
        }
    }

    /// <summary>The result's rows, once the shapes are known to fit: checked before the base class allocates anything.</summary>
    private static int CheckedRows(Tensor x, Tensor w, Tensor b)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(b);
        if (x.Cols != w.Rows || b.Rows != 1 || b.Cols != w.Cols)
        {
            throw new ArgumentException($"Affine: X is {x.Rows}×{x.Cols}, W {w.Rows}×{w.Cols}, b {b.Rows}×{b.Cols}.");
        }

        return x.Rows;
    }
}

/// <summary>The sum of every element of any number of tensors, as a 1×1 tensor.</summary>
public sealed class SumOf : Tensor
{
    public SumOf(params Tensor[] tensors) : base(1, 1, tensors)
    {
        foreach (var t in tensors)
        {
            Data[0] += t.Data.Sum();
        }
    }

    protected override void PropagateGrad()
    {
        foreach (var t in Inputs)
        {
            if (t.RequiresGrad)
            {
                for (int i = 0; i < t.Grad.Length; i++)
                {
                    t.Grad[i] += Grad[0];
                }
            }
        }
    }
}
