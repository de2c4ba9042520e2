namespace Autograd.Optim;

/// <summary>
/// What every optimizer shares, as PyTorch's <c>torch.optim.Optimizer</c>: the parameters it updates, the learning
/// rate, <see cref="ZeroGrad"/> and <see cref="Step"/>. A training step is <c>ZeroGrad()</c>, the forward pass and
/// <c>loss.Backward()</c>, then <c>Step()</c>.
/// </summary>
public abstract class Optimizer
{
    private readonly Tensor[] parameters;
    private double learningRate;

    /// <summary>Takes the parameters to train (each once, however often it is listed) and checks the learning rate.</summary>
    /// <param name="parameters">The tensors to update, such as <c>model.Parameters()</c>.</param>
    /// <param name="lr">The learning rate, at least 0.</param>
    /// <exception cref="ArgumentException">There are no parameters, or one is not a leaf.</exception>
    /// <exception cref="ArgumentNullException">The list or one of its tensors is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The learning rate is negative or not a number.</exception>
    private protected Optimizer(IEnumerable<Tensor> parameters, double lr)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var seen = new HashSet<Tensor>(ReferenceEqualityComparer.Instance);
        var list = new List<Tensor>();
        foreach (var p in parameters)
        {
            if (p is null)
            {
                throw new ArgumentNullException(nameof(parameters), $"{Name}: parameter {list.Count} is null.");
            }

            if (!p.IsLeaf)
            {
                throw new ArgumentException(
                    $"{Name}: parameter {list.Count} is the result of {p.Op}; an optimizer can only update leaves (weights), not results computed from them.",
                    nameof(parameters));
            }

            if (seen.Add(p))
            {
                list.Add(p);
            }
        }

        if (list.Count == 0)
        {
            throw new ArgumentException($"{Name}: the parameter list is empty; give it the tensors to train, such as model.Parameters().", nameof(parameters));
        }

        this.parameters = [.. list];
        LearningRate = lr;
    }

    /// <summary>The tensors this optimizer updates, in the order given, each once.</summary>
    public IReadOnlyList<Tensor> Parameters => parameters;

    /// <summary>The learning rate (PyTorch's <c>lr</c>); it may be changed between steps, for a schedule.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Set to a negative number or NaN.</exception>
    public double LearningRate
    {
        get => learningRate;
        set
        {
            CheckNonNegative(value, "lr");
            learningRate = value;
        }
    }

    /// <summary>The optimizer's name in messages; the type's name.</summary>
    private protected string Name => GetType().Name;

    /// <summary>
    /// Clears the gradient of every parameter, before the next backward pass, with the parameter's own
    /// <see cref="Node.ZeroGrad"/>.
    /// </summary>
    public void ZeroGrad()
    {
        foreach (var p in parameters)
        {
            p.ZeroGrad();
        }
    }

    /// <summary>
    /// Updates every parameter that requires grad from its gradient; a parameter whose <see cref="Node.RequiresGrad"/>
    /// is off (frozen) is left alone, and its state does not advance.
    /// </summary>
    public void Step()
    {
        for (int i = 0; i < parameters.Length; i++)
        {
            if (parameters[i].RequiresGrad)
            {
                Update(i, parameters[i].Data, parameters[i].GradValues);
                parameters[i].MarkChanged();
            }
        }
    }

    /// <summary>Applies the update rule to parameter <paramref name="index"/>, in place.</summary>
    /// <param name="index">The parameter's position in <see cref="Parameters"/>, for its state.</param>
    /// <param name="p">The parameter's numbers, updated in place.</param>
    /// <param name="grad">Its gradient.</param>
    private protected abstract void Update(int index, Span<double> p, ReadOnlySpan<double> grad);

    /// <summary>Refuses a hyperparameter that is negative or NaN, naming it as PyTorch does.</summary>
    private protected void CheckNonNegative(double value, string name)
    {
        if (!(value >= 0) || double.IsPositiveInfinity(value))
        {
            throw new ArgumentOutOfRangeException(name, value, $"{Name}: {name} must be a finite number ≥ 0, got {value}.");
        }
    }
}
