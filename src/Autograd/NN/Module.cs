namespace Autograd.NN;

/// <summary>
/// A piece of a network, as PyTorch's <c>torch.nn.Module</c>: <see cref="Forward"/> maps a batch (one example per
/// row) to an output batch, and <see cref="NamedParameters"/> lists the tensors an optimizer trains under the names
/// they are saved with. Layers such as <see cref="Linear"/> and <see cref="ReLU"/> are modules, and so is a
/// <see cref="Sequential"/> of them.
/// </summary>
/// <remarks>
/// A module of your own overrides <see cref="Forward"/> and says what it holds: its own tensors by name in
/// <see cref="OwnParameters"/>, the modules it is built from by name in <see cref="NamedChildren"/>. Everything
/// else (<see cref="Parameters"/>, <see cref="ZeroGrad"/>, <see cref="Save"/>, <see cref="Load"/>, the printed
/// table) follows from those two, with PyTorch's names.
/// <code>
/// sealed class Block : Module
/// {
///     private readonly Linear hidden = new(2, 8);
///     private readonly Tensor scale = Tensor.Ones(1, 8, requiresGrad: true);
///
///     public override Tensor Forward(Tensor input) => hidden.Forward(input).Tanh() * scale;
///
///     protected override IEnumerable&lt;(string Name, Tensor Parameter)&gt; OwnParameters() => [("scale", scale)];
///
///     protected override IEnumerable&lt;(string Name, Module Child)&gt; NamedChildren() => [("hidden", hidden)];
/// }
/// </code>
/// Its parameters are named <c>scale</c>, <c>hidden.weight</c> and <c>hidden.bias</c>, as PyTorch names those of a
/// <c>torch.nn.Module</c> with a parameter <c>self.scale</c> and a child <c>self.hidden</c>.
/// </remarks>
public abstract class Module
{
    /// <summary>Computes this module's output for <paramref name="input"/>, one example per row, recording the graph.</summary>
    /// <param name="input">The batch: n rows of features.</param>
    /// <returns>The output batch, n rows.</returns>
    public abstract Tensor Forward(Tensor input);

    /// <summary>
    /// Every parameter under its PyTorch state-dict name: this module's own first (<c>weight</c>), then each
    /// child's, prefixed with the child's name and a dot. A <see cref="Sequential"/> names its children by index,
    /// so its first layer's weight is <c>0.weight</c>, and in a Sequential nested at index 1 it is <c>1.0.weight</c>.
    /// </summary>
    /// <remarks>
    /// These are the names <see cref="Save"/> writes and <see cref="Load"/> reads. A tensor shared by two layers is
    /// listed under both names, as PyTorch's <c>state_dict()</c> lists it (its <c>named_parameters()</c> lists it
    /// once); <see cref="Parameters"/> lists it once.
    /// </remarks>
    /// <exception cref="InvalidOperationException">
    /// A module lists a null parameter or child, or a name that is empty or contains a dot.
    /// </exception>
    public IEnumerable<(string Name, Tensor Parameter)> NamedParameters() =>
        StateEntries().Select(entry => (entry.Name, entry.Tensor));

    /// <summary>
    /// The tensors this module trains (weights and biases), each once, in the order of <see cref="NamedParameters"/>.
    /// A module without weights, such as <see cref="ReLU"/>, has none.
    /// </summary>
    public IEnumerable<Tensor> Parameters()
    {
        var seen = new HashSet<Tensor>(ReferenceEqualityComparer.Instance);
        foreach (var (_, parameter) in NamedParameters())
        {
            if (seen.Add(parameter))
            {
                yield return parameter;
            }
        }
    }

    /// <summary>The number of trainable numbers: the total number of elements over <see cref="Parameters"/>.</summary>
    public long ParameterCount => Parameters().Sum(p => (long)p.Data.Length);

    /// <summary>
    /// Clears the gradient of every parameter, with the parameter's own <see cref="Node.ZeroGrad"/>. Gradients
    /// accumulate across <c>Backward()</c> passes, so a training loop clears them before each pass (or calls the
    /// optimizer's <c>ZeroGrad()</c>, which does the same).
    /// </summary>
    public void ZeroGrad()
    {
        foreach (var p in Parameters())
        {
            p.ZeroGrad();
        }
    }

    /// <summary>
    /// Saves the parameters to <paramref name="path"/> in the safetensors format, under the names of
    /// <see cref="NamedParameters"/> and in PyTorch's layouts (a <see cref="Linear"/> weight as out×in, its bias as a
    /// vector; a tensor of a module of your own as it is, rows×cols), so that
    /// <c>model.load_state_dict(safetensors.torch.load_file(path))</c> accepts it for the same
    /// <c>torch.nn.Sequential</c>. Numbers are stored as float64 (<c>F64</c>), little-endian.
    /// </summary>
    /// <param name="path">The file to write; it is replaced if it exists.</param>
    /// <exception cref="InvalidOperationException">
    /// Two parameters have the same name, or the file would be longer than the longest array .NET allows
    /// (<see cref="Array.MaxLength"/> bytes, about 268 million parameters); nothing is written.
    /// </exception>
    public void Save(string path) => Safetensors.Save(this, path);

    /// <summary>
    /// Fills this model's parameters from a safetensors file written by <see cref="Save"/> (or by PyTorch, in float64)
    /// for a model of the same architecture. The whole file is checked before any parameter is written, so a file
    /// that does not fit leaves the model exactly as it was.
    /// </summary>
    /// <param name="path">The file to read.</param>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">
    /// The file is not a valid safetensors file (truncated, a header length that cannot be right, malformed JSON), is
    /// longer than <see cref="Array.MaxLength"/> bytes, or does not fit this model (a missing or extra key, a dtype
    /// other than F64, a shape that differs); the message names the file and the problem.
    /// </exception>
    /// <exception cref="InvalidOperationException">Two parameters of this model have the same name.</exception>
    public void Load(string path) => Safetensors.Load(this, path);

    /// <summary>The module's name and settings on one line, such as <c>Linear(2, 3)</c>.</summary>
    public override string ToString() => GetType().Name;

    /// <summary>
    /// The tensors this module holds itself, each under its name (<c>weight</c>, <c>bias</c>), without those of its
    /// children. None by default.
    /// </summary>
    /// <remarks>A name is what PyTorch's module calls the attribute: not empty, without dots.</remarks>
    protected virtual IEnumerable<(string Name, Tensor Parameter)> OwnParameters() => [];

    /// <summary>
    /// The modules this one is built from, each under its name (a <see cref="Sequential"/> names its layers
    /// <c>0</c>, <c>1</c>, ...), as PyTorch's <c>named_children()</c>. None by default.
    /// </summary>
    /// <remarks>A name is what PyTorch's module calls the attribute: not empty, without dots.</remarks>
    protected virtual IEnumerable<(string Name, Module Child)> NamedChildren() => [];

    /// <summary>
    /// The shape a parameter of this module is saved in and whether the saved numbers are its transpose: as the
    /// tensor is, rows×cols, unless the module says otherwise (a <see cref="Linear"/> saves its weight as out×in).
    /// </summary>
    internal virtual (int[] Shape, bool Transposed) SavedLayout(Tensor parameter) => ([parameter.Rows, parameter.Cols], false);

    /// <summary>The parameters with their names and saved layouts: what <see cref="NamedParameters"/> lists and files hold.</summary>
    internal IEnumerable<StateEntry> StateEntries(string prefix = "")
    {
        foreach (var entry in OwnStateEntries(prefix))
        {
            yield return entry;
        }

        foreach (var (name, child) in NamedChildren())
        {
            CheckName(name, "a child module");
            if (child is null)
            {
                throw new InvalidOperationException($"{GetType().Name}: its child module {name} is null.");
            }

            foreach (var entry in child.StateEntries($"{prefix}{name}."))
            {
                yield return entry;
            }
        }
    }

    /// <summary>This module's own parameters, without its children's, with their names and saved layouts.</summary>
    internal IEnumerable<StateEntry> OwnStateEntries(string prefix = "")
    {
        foreach (var (name, parameter) in OwnParameters())
        {
            CheckName(name, "a parameter");
            if (parameter is null)
            {
                throw new InvalidOperationException($"{GetType().Name}: its parameter {name} is null.");
            }

            var (shape, transposed) = SavedLayout(parameter);
            yield return new StateEntry(prefix + name, parameter, shape, transposed);
        }
    }

    /// <summary>
    /// The modules of the printed table, with their names: this module when it holds parameters itself or is built
    /// from nothing else, then those of its children, so a <see cref="Sequential"/> inside another is opened up
    /// (<c>1.0</c>, <c>1.1</c>).
    /// </summary>
    internal IEnumerable<(string Name, Module Module)> TableRows(string name = "")
    {
        var children = NamedChildren().ToList();
        if (children.Count == 0 || OwnParameters().Any())
        {
            yield return (name, this);
        }

        foreach (var (childName, child) in children)
        {
            foreach (var row in child.TableRows(name.Length == 0 ? childName : $"{name}.{childName}"))
            {
                yield return row;
            }
        }
    }

    private void CheckName(string name, string what)
    {
        if (string.IsNullOrEmpty(name) || name.Contains('.', StringComparison.Ordinal))
        {
            throw new InvalidOperationException(
                $"{GetType().Name}: {what} is named '{name}'; a name must be non-empty and without dots, which separate a child's name from its parameters' in PyTorch's names.");
        }
    }
}
