namespace Autograd.NN;

/// <summary>
/// A piece of a network, as PyTorch's <c>torch.nn.Module</c>: <see cref="Forward"/> maps a batch (one example per
/// row) to an output batch, and <see cref="Parameters"/> lists the tensors an optimizer trains. Layers such as
/// <see cref="Linear"/> and <see cref="ReLU"/> are modules, and so is a <see cref="Sequential"/> of them.
/// </summary>
public abstract class Module
{
    /// <summary>Computes this module's output for <paramref name="input"/>, one example per row, recording the graph.</summary>
    /// <param name="input">The batch: n rows of features.</param>
    /// <returns>The output batch, n rows.</returns>
    public abstract Tensor Forward(Tensor input);

    /// <summary>
    /// The tensors this module trains (weights and biases), each once, in a fixed order. A module without weights,
    /// such as <see cref="ReLU"/>, has none.
    /// </summary>
    public virtual IEnumerable<Tensor> Parameters() => [];

    /// <summary>The number of trainable numbers: the total number of elements over <see cref="Parameters"/>.</summary>
    public long ParameterCount => Parameters().Sum(p => (long)p.Data.Length);

    /// <summary>
    /// Clears the gradient of every parameter. Gradients accumulate across <c>Backward()</c> passes, so a training
    /// loop clears them before each pass (or calls the optimizer's <c>ZeroGrad()</c>, which does the same).
    /// </summary>
    public void ZeroGrad()
    {
        foreach (var p in Parameters())
        {
            Array.Clear(p.Grad);
        }
    }

    /// <summary>
    /// Saves the parameters to <paramref name="path"/> in the safetensors format, with PyTorch's state-dict names and
    /// layouts (<c>0.weight</c> as out×in, <c>0.bias</c> as a vector), so that
    /// <c>model.load_state_dict(safetensors.torch.load_file(path))</c> accepts it for the same
    /// <c>torch.nn.Sequential</c>. Numbers are stored as float64 (<c>F64</c>), little-endian.
    /// </summary>
    /// <param name="path">The file to write; it is replaced if it exists.</param>
    /// <exception cref="InvalidOperationException">
    /// The file would be longer than the longest array .NET allows (<see cref="Array.MaxLength"/> bytes, about 268
    /// million parameters); nothing is written.
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
    public void Load(string path) => Safetensors.Load(this, path);

    /// <summary>The module's name and settings on one line, such as <c>Linear(2, 3)</c>.</summary>
    public override string ToString() => GetType().Name;

    /// <summary>
    /// The parameters under their PyTorch state-dict names (prefixed by <paramref name="prefix"/>), with the layout
    /// they are saved in. A module of the user's own has no names for its parameters, so they are saved by position.
    /// </summary>
    internal virtual IEnumerable<StateEntry> StateEntries(string prefix) =>
        Parameters().Select((p, i) => new StateEntry($"{prefix}{i}", p, [p.Rows, p.Cols], Transposed: false));

    /// <summary>
    /// How many features each output row has, given how many each input row has (null when not known): a layer
    /// that keeps its input's width, such as an activation, returns <paramref name="inputFeatures"/>.
    /// </summary>
    internal virtual int? OutputFeatures(int? inputFeatures) => inputFeatures;
}
