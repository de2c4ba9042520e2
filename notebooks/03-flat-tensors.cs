// 03-flat-tensors.cs: the notebook 03-flat-tensors.ipynb as a program. Run it from the repository root with
// `dotnet run notebooks/03-flat-tensors.cs`. Written by `dotnet run --project src/Autograd.Notebooks -- update`
// from the notebook: change the notebook, not this file.
#:project ../src/Autograd/Autograd.csproj
#:project ../src/Autograd.Interactive/Autograd.Interactive.csproj
#:property PublishAot=false
#:property Nullable=disable
#:property TreatWarningsAsErrors=false
#:property EnforceCodeStyleInBuild=false
#:property WarningLevel=0

using Autograd;
using Autograd.Interactive;
using System.Text;

// Without a kernel: values the notebook shows print as text, and pictures are written as SVG files.
Notebook.SetupApp("../artifacts/pictures/03-flat-tensors");

// # 03 · Flat tensors: a matrix as one array
//
// Notebooks 01 and 02 built graphs of single numbers. Real models work on whole matrices at once, and this library,
// like the JavaScript post it follows and like PyTorch underneath, stores a matrix as **one flat array** of numbers,
// row after row (*row-major* order). In this notebook you will:
//
// 1. flatten the post's 3×3 matrix by hand and find each element at index `Cols * r + c`;
// 2. meet the library's `Tensor`, and why `new Tensor(r, c)` requires grad while `Tensor.Zeros`, `Ones` and `Randn` do not;
// 3. read and write elements with `t[r, c]`, and see it touch `Data[Cols * r + c]`;
// 4. apply elementwise operations (`+`, `-`, `*`, a bias row *broadcast*, that is added to every row, `Relu`) and back-propagate through them, where
//    each gradient is itself a matrix of the same shape, and start a backward pass from a matrix with `Backward(seed)`;
// 5. write an elementwise operation of your own, `Square`, and check its gradient.
//
// Along the way, the **exercises** ask you to predict a result, write the prediction down, change a cell, and run the
// check cell below it, which says whether your change did what you expected.

// cell 2
Notebook.Setup();
Rng.Seed(0);

// ## 1 · Flattening by hand
//
// The post starts from a nested array, `[[2, 3, 4], [5, 6, 7], [8, 9, 10]]`: 3 rows of 3 columns. Laid out row after
// row in one array, row `r` starts at `3 * r`, so element (r, c) lands at `3 * r + c`. For a matrix with `Cols` columns
// the rule is `Cols * r + c`.

// cell 4
double[][] nested = [[2, 3, 4], [5, 6, 7], [8, 9, 10]];
int rows = 3, cols = 3;
var flat = new double[rows * cols];
for (int r = 0; r < rows; r++)
    for (int c = 0; c < cols; c++)
        flat[cols * r + c] = nested[r][c];

Console.WriteLine(string.Join(", ", flat));
Console.WriteLine($"element (1, 2) is nested[1][2] = {nested[1][2]} and flat[{cols} * 1 + 2] = flat[5] = {flat[5]}");

// Why bother? One array is one block of memory: no array per row, and walking it in order reads memory in order,
// which is what caches and SIMD instructions are fast at. It is also exactly how PyTorch and NumPy store a contiguous
// matrix.
//
// ## 2 · The library's `Tensor`
//
// A [`Tensor`](../src/Autograd/Tensor.cs) is `Rows` × `Cols` numbers in one array, `Data`, with a gradient array of the
// same length, `Grad`. There are two ways to make one, and they differ in one default:
//
// - the constructor, `new Tensor(rows, cols)`, makes a leaf that **requires grad**, as the post's `Tensor(n, d)` does
//   (it sets `require_grad = true`). A matrix you build by hand is usually one you want gradients for: a weight, or an
//   input you are studying, as x, y and z were in notebook 01;
// - the factories `Tensor.Zeros`, `Tensor.Ones` and `Tensor.Randn` make leaves that **do not**, as PyTorch's do. They
//   mostly make data, constants and the seed gradients you will meet below, which nothing should ever update.
//
// Both take `requiresGrad:` to say otherwise, as the last line shows:

// cell 6
Console.WriteLine($"new Tensor(2, 2)                       requires grad: {new Tensor(2, 2).RequiresGrad}");
Console.WriteLine($"new Tensor(2, 2, requiresGrad: false)  requires grad: {new Tensor(2, 2, requiresGrad: false).RequiresGrad}");
Console.WriteLine($"Tensor.Zeros(2, 2)                     requires grad: {Tensor.Zeros(2, 2).RequiresGrad}");
Console.WriteLine($"Tensor.Ones(2, 2)                      requires grad: {Tensor.Ones(2, 2).RequiresGrad}");
Console.WriteLine($"Tensor.Randn(2, 2, new Random(0))      requires grad: {Tensor.Randn(2, 2, new Random(0)).RequiresGrad}");
Console.WriteLine($"Tensor.Zeros(2, 2, requiresGrad: true) requires grad: {Tensor.Zeros(2, 2, requiresGrad: true).RequiresGrad}");

// The post's 3×3 matrix is data, nothing to train, so it is made without grad. `SetFrom` copies values in, in
// row-major order. Displaying a tensor shows it as a matrix, with its shape and whether it requires grad.

// cell 8
var m = new Tensor(3, 3, requiresGrad: false);
m.SetFrom([2, 3, 4, 5, 6, 7, 8, 9, 10]);
Notebook.Display(m);

// cell 9
Console.WriteLine($"Rows = {m.Rows}, Cols = {m.Cols}, Data = [{string.Join(", ", m.Data)}]");

// Each cell of the matrix below is labelled with its position (r, c) and the index of its number in `Data`. Read along
// a row: the index goes up by 1 per column. Read down a column: it goes up by `Cols` = 3 per row.

// cell 11
Notebook.Display(Charts.FlatIndexHeatmap(m));

// ## 3 · Get and set
//
// The indexer `m[r, c]` is nothing but `Data[Cols * r + c]`. Writing through it changes the flat array, and writing the
// array changes what the indexer reads.

// cell 13
Console.WriteLine($"m[1, 2] = {m[1, 2]}; Data[{m.Cols} * 1 + 2] = {m.Data[m.Cols * 1 + 2]}");
m[2, 0] = 80;
Console.WriteLine($"after m[2, 0] = 80: Data = [{string.Join(", ", m.Data)}]");
m.Data[4] = 60;
Console.WriteLine($"after Data[4] = 60: m[1, 1] = {m[1, 1]}");

// An index outside the matrix is refused with a message that names the index and the shape, instead of silently
// reading a neighbouring row:

// cell 15
try
{
    Console.WriteLine(m[1, 3]);
}
catch (ArgumentOutOfRangeException e)
{
    Console.WriteLine(e.Message);
}

// **Exercise 1 (predict, then run).** The cell below fills a 2×4 matrix with 0 to 7 and writes 99 into element
// (`row`, `col`) = (1, 3). Before you run it, write down which index of `Data` will change. Then change the shape
// (`rowCount`, `colCount`) or the position (`row`, `col`), for instance a 4×2 matrix and element (3, 1), write down
// your new prediction, and run both cells again. The check cell finds the index that actually changed and compares
// it with the rule `Cols * r + c`.

// cell 17
int rowCount = 2, colCount = 4;
int row = 1, col = 3;
var t = new Tensor(rowCount, colCount, requiresGrad: false);
t.SetFrom(Enumerable.Range(0, rowCount * colCount).Select(i => (double)i).ToArray());
var before = (double[])t.Data.Clone();
t[row, col] = 99;
Notebook.Display(t);

// cell 18
// Check: which index of Data did t[row, col] = 99 change, and is it Cols * r + c?
var changed = Enumerable.Range(0, t.Data.Length).Where(i => t.Data[i] != before[i]).ToArray();
int byRule = t.Cols * row + col;
Console.WriteLine($"t[{row}, {col}] = 99 changed Data[{string.Join(", ", changed)}]");
Console.WriteLine($"the rule says Cols * r + c = {t.Cols} * {row} + {col} = {byRule}");
Console.WriteLine(changed.SequenceEqual([byRule])
    ? "✓ exactly one number changed, at the index the rule gives. Was it the one you wrote down?"
    : "✗ the change is not where the rule says: look again at the cell above");

// ## 4 · Elementwise operations and their gradients
//
// `+`, `-` and `*` between two tensors of the same shape work element by element, so their derivative rules are the
// scalar rules of notebook 01, applied to every element: for c = a · b, ∂c/∂a = b and ∂c/∂b = a, element by element.
// `Sum()` adds everything into a 1×1 result, and its backward sends a gradient of 1 to every element.
//
// With L = Σ (a · b + a), L is a single number, so `L.Backward()` works as in notebook 01: it starts from ∂L/∂L = 1 and
// walks the graph back. Afterwards each tensor's `Grad` holds ∂L/∂(each element): one number per element, so a matrix
// of the tensor's own shape. Expect `a`'s gradient to be b + 1 and `b`'s to be a. Printing a tensor shows both
// matrices, `data` and `grad`:

// cell 20
var a = new Tensor(2, 3) { Label = "a" };
a.SetFrom([1, 2, 3, 4, 5, 6]);
var b = new Tensor(2, 3) { Label = "b" };
b.SetFrom([0.5, -1, 2, 0, 3, -2]);
var loss = ((a * b) + a).Sum();
loss.Backward();
Console.WriteLine($"L = {loss.Item()}");
Console.WriteLine(a);
Console.WriteLine(b);

// ### Starting from a matrix: the upstream gradient and `Backward(seed)`
//
// Often the tensor you want to back-propagate from is not a single number: it is y, somewhere in the middle of a
// bigger computation that ends in a loss L. What reaches y on the way back from L is ∂L/∂y, one number per element
// of y, so a matrix of y's shape. It is called the **upstream gradient**: gradients flow from the loss back towards
// the inputs, and it comes from the loss's side of y, like water from upstream.
//
// `y.Backward(seed)` starts the backward pass at y with `seed` as that upstream gradient, standing in for the part of
// the graph above y that you did not build. It is the post's `mult.grad(ones); mult.backward()`. `Backward()` with no
// argument is the special case of a 1×1 result whose seed is 1.
//
// A **bias** shows it well. A bias is one row added to every row of a matrix: `x + bias` with `x` of shape n×d and
// `bias` 1×d. Each element of the bias was used once per row, so (as with b = a + a in notebook 02) its gradient is
// the **sum** over the rows of the upstream gradient: the column sums, here 1 + 2 + 3 = 6 and 0.5 · 3 = 1.5.

// cell 22
var x = new Tensor(3, 2, requiresGrad: false) { Label = "x" };
x.SetFrom([1, 2, 3, 4, 5, 6]);
var bias = new Tensor(1, 2) { Label = "bias" };
bias.SetFrom([10, 20]);
var y = x + bias;
var upstream = new Tensor(3, 2, requiresGrad: false) { Label = "upstream" };
upstream.SetFrom([1, 0.5, 2, 0.5, 3, 0.5]);
y.Backward(upstream);
Console.WriteLine(y);
Console.WriteLine(bias);

// The seed really is "∂L/∂y for some L": take L = Σ (y ⊙ upstream) (⊙ is the elementwise product, `*` between tensors), a single number whose gradient with respect to y
// is exactly `upstream`. Calling `Backward()` on it gives the bias the same gradient as `y.Backward(upstream)` did:

// cell 24
var bias2 = new Tensor(1, 2) { Label = "bias" };
bias2.SetFrom([10, 20]);
((x + bias2) * upstream).Sum().Backward();
Console.WriteLine($"y.Backward(upstream):                  bias.Grad = [{string.Join(", ", bias.Grad)}]");
Console.WriteLine($"(Σ (x + bias) ⊙ upstream).Backward(): bias.Grad = [{string.Join(", ", bias2.Grad)}]");
Console.WriteLine($"the same: {bias.Grad.SequenceEqual(bias2.Grad)}");

// Activations apply a function to each element, and their backward multiplies the upstream gradient by the function's
// slope at each element. For `Relu`, that slope is 1 where the input was positive and 0 elsewhere, so negative inputs
// receive nothing.

// **Exercise 2 (predict, then run).** In the cell below, replace `t => t.Relu()` with `t => t.Tanh()` (or
// `t => t.Sigmoid()`). Before you run it, write down which elements of `h`'s gradient will be exactly 0, and which
// will be the largest. The check cell measures the slope of your function at each element by finite differences,
// (f(h + ε) − f(h − ε)) / 2ε, and compares it with the gradient `Backward` gave.

// cell 27
Func<Tensor, Tensor> activation = t => t.Relu();
var h = new Tensor(1, 5) { Label = "h" };
h.SetFrom([-2, -0.5, 0.5, 1, 3]);
var activated = activation(h);
activated.Sum().Backward();
Console.WriteLine(h);
Console.WriteLine($"f(h) = [{string.Join(", ", activated.Data.Select(v => v.ToString("G6")))}]");

// cell 28
// Check: is h's gradient the slope of the activation at each element?
const double eps = 1e-6;
var slopes = new double[h.Data.Length];
for (int i = 0; i < h.Data.Length; i++)
{
    var up = new Tensor(1, 5, requiresGrad: false);    // copies of h nudged at element i, outside any graph
    up.SetFrom(h.Data);
    up.Data[i] += eps;
    var down = new Tensor(1, 5, requiresGrad: false);
    down.SetFrom(h.Data);
    down.Data[i] -= eps;
    slopes[i] = (activation(up).Data[i] - activation(down).Data[i]) / (2 * eps);
}
double worst = slopes.Zip(h.Grad, (s, g) => Math.Abs(s - g)).Max();
Console.WriteLine($"measured slopes = [{string.Join(", ", slopes.Select(s => s.ToString("G4")))}]");
var largestAt = Enumerable.Range(0, h.Grad.Length).Where(i => h.Grad[i] == h.Grad.Max());
Console.WriteLine($"exactly 0 in h.Grad: {h.Grad.Count(g => g == 0)} of {h.Grad.Length}; largest, {h.Grad.Max():G6}, at element(s) {string.Join(", ", largestAt)}");
Console.WriteLine(worst < 1e-6
    ? "✓ the gradient is the slope at every element. Did the zeros and the largest fall where you predicted?"
    : $"✗ the gradient and the slope differ by up to {worst:G3}");

// ## 5 · Checking the rules
//
// [`GradCheck`](../src/Autograd/GradCheck.Tensors.cs) does that check for you, for tensors too: it nudges every element
// of every input up and down, compares the finite differences with `Backward()`, and reports the worst error and the
// element where it occurred (the result's `ToString()`; `Passed(tolerance)` turns it into a yes or no).

// cell 30
var p = Tensor.Randn(2, 3, new Random(1));
var q = Tensor.Randn(1, 3, new Random(2));
// The function receives the inputs as an array: inputs[0] is p, inputs[1] is q (a row, broadcast over p's rows).
var check = GradCheck.Check(inputs => ((inputs[0] * inputs[0]) + inputs[1]).Tanh().Sum(), p, q);
Console.WriteLine(check);
Console.WriteLine($"passed at 1e-6: {check.Passed(1e-6)}");

// Shapes have to fit. Adding a 2×3 and a 3×2 matrix is an error, reported before any work is done, naming the
// operation and both shapes:

// cell 32
try
{
    var bad = new Tensor(2, 3) + new Tensor(3, 2);
}
catch (ArgumentException e)
{
    Console.WriteLine(e.Message);
}

// ## 6 · An operation of your own
//
// Every operation in the library is a small class: [`Relu`](../src/Autograd/Ops/Tensors/Relu.cs) is one,
// [`Mul`](../src/Autograd/Ops/Tensors/Mul.cs) another. You can write one the same way. A constructor passes the
// result's shape and the inputs to the base class, `base(rows, cols, inputs)`, and fills `Data`; the method
// `PropagateGrad()` holds the local rule. It adds (`+=`, since an input may be used more than once) this node's
// `Grad`, the upstream gradient, times the local slope into each input's `Grad`, and skips an input that does not
// require grad. The engine calls it, once per backward pass, when every use of this node has sent its gradient.
//
// Here is `Square`, x² for every element, whose slope is 2x.

// **Exercise 3 (break it, then check).** Run the two cells below as they are: the check passes. Then write down what
// you expect `GradCheck` to report if the rule is wrong, change `2 *` to `3 *` in `PropagateGrad`, and run both cells
// again. Put it back afterwards.

// cell 35
var s = new Tensor(2, 2) { Label = "s" };
s.SetFrom([1, -2, 3, 0.5]);
new Square(s).Sum().Backward();
Console.WriteLine(s);

// cell 36
// Check: does Square's backward agree with finite differences?
var squareCheck = GradCheck.Check(t => new Square(t[0]).Sum(), Tensor.Randn(3, 4, new Random(5)));
Console.WriteLine(squareCheck);
Console.WriteLine(squareCheck.Passed(1e-6)
    ? "✓ Square's gradient matches the finite differences"
    : $"✗ Square's gradient is wrong: worst at {squareCheck.Where}, autograd says {squareCheck.Analytic:G6}, the finite difference {squareCheck.Numeric:G6}");

// ## Summary
//
// - A matrix is stored as one row-major array: element (r, c) is at `Cols * r + c`.
// - `Tensor` keeps `Data` and a `Grad` of the same shape; the indexer reads and writes `Data`. The constructor makes a
//   leaf that requires grad, the factories `Zeros`, `Ones` and `Randn` one that does not.
// - Elementwise operations back-propagate element by element with the scalar rules; a broadcast bias row collects the
//   column sums of its upstream gradient.
// - `Backward(seed)` starts the backward pass at a tensor that is not a single number, with `seed` as the upstream
//   gradient ∂L/∂y; `Backward()` is the 1×1 case with seed 1.
// - An operation is a class: a constructor that computes `Data` and a `PropagateGrad()` that adds upstream gradient
//   times local slope into its inputs; `GradCheck` tells you whether you got the rule right.
//
// **Source files used here:** [Tensor.cs](../src/Autograd/Tensor.cs),
// [Tensor.Operations.cs](../src/Autograd/Tensor.Operations.cs), [Ops/Tensors/](../src/Autograd/Ops/Tensors)
// (one file per operation, forward and backward side by side), [Kernels/Elementwise.cs](../src/Autograd/Kernels/Elementwise.cs),
// [GradCheck.Tensors.cs](../src/Autograd/GradCheck.Tensors.cs).
//
// **Previous:** [02 · requiresGrad, reuse and accumulation](02-requires-grad-and-reuse.ipynb).
// **Next:** [04 · MatMul backprop](04-matmul-backprop.ipynb).

// The types the cells declare: a program declares them after its top-level statements.

// cell 35
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
