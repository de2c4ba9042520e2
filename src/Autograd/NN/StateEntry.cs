namespace Autograd.NN;

/// <summary>
/// One entry of a module's state dict: the PyTorch name of a parameter, the tensor, and the layout it is saved in.
/// </summary>
/// <param name="Name">The state-dict key, such as <c>0.weight</c>.</param>
/// <param name="Tensor">The parameter.</param>
/// <param name="Shape">The saved shape, as PyTorch holds it: out×in for a weight, a vector for a bias.</param>
/// <param name="Transposed">
/// Whether the saved numbers are the transpose of <see cref="Tensor"/>'s (a <see cref="Linear"/> weight is in×out
/// here and out×in in PyTorch).
/// </param>
internal sealed record StateEntry(string Name, Tensor Tensor, int[] Shape, bool Transposed);
