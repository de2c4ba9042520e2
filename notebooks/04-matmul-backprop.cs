// 04-matmul-backprop.cs: the notebook 04-matmul-backprop.ipynb as a program. Run it from the repository root with
// `dotnet run notebooks/04-matmul-backprop.cs`. Written by `dotnet run --project src/Autograd.Notebooks -- update`
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
Notebook.SetupApp("../artifacts/pictures/04-matmul-backprop");

// # 04 · MatMul backprop
//
// The matrix product is the workhorse of neural networks: a layer's whole computation on a batch is one `MatMul` plus a
// bias. This notebook follows the JavaScript post's example through the forward product and works out its backward
// rule, first by hand, then as loops you write, then as the library runs it. You will:
//
// 1. compute the post's (2×3)·(3×4) product, with the library and with a plain triple loop over flat arrays;
// 2. back-propagate a gradient of ones and get the post's dA = [22, 20, 16, 22, 20, 16];
// 3. find **dA = dC·Bᵀ** from the shapes alone, work one element of it by hand and see which elements feed it, write
//    the backward as the post's two loops, and hold your loops to the library's `Backward()`;
// 4. see the message a shape mismatch gives;
// 5. (optional, at the end) compare the speed of the naive loop with the library's MatMul.
//
// The **exercises** ask you to predict a result, write it down, change a cell, and run the check cell below it.

// cell 2
Notebook.Setup();
Rng.Seed(0);

// ## 1 · The forward product
//
// C = A·B with A of shape n×k and B of shape k×m gives C of shape n×m, where C[i, j] = Σₚ A[i, p] · B[p, j]: row i of A
// against column j of B. The post's example: expect C = [48, 65, 19, 36, 96, 128, 43, 75], or as a matrix, rows
// [48, 65, 19, 36] and [96, 128, 43, 75]. C's gradient is all zeros until a backward pass fills it.

// cell 4
var a = new Tensor(2, 3) { Label = "A" };
a.SetFrom([2, 3, 4, 5, 6, 7]);
var b = new Tensor(3, 4) { Label = "B" };
b.SetFrom([4, 5, 6, 7, 8, 9, 1, 2, 4, 7, 1, 4]);
var c = a.MatMul(b);
c.Label = "C";
Console.WriteLine(c);

// The same product as the post writes it: three loops over the flat arrays, with every element found at
// `Cols * r + c`. Element C[0, 0] = 2·4 + 3·8 + 4·4 = 48.
//
// The library keeps this plain loop too: `ProductReference` in [Kernels/Gemm.cs](../src/Autograd/Kernels/Gemm.cs) is
// what the fast kernel computes: the same triple loop, up to rounding in the last bit (each term added with one fused multiply-add, rounded once), and
// the tests hold every fast path to its results.

// cell 6
double[] NaiveMatMul(double[] x, double[] y, int n, int k, int m)
{
    var result = new double[n * m];
    for (int i = 0; i < n; i++)
        for (int j = 0; j < m; j++)
        {
            double sum = 0;
            for (int p = 0; p < k; p++)
                sum += x[k * i + p] * y[m * p + j];
            result[m * i + j] = sum;
        }
    return result;
}

Console.WriteLine($"naive = [{string.Join(", ", NaiveMatMul(a.Data, b.Data, 2, 3, 4))}]");

// ## 2 · Backward with a gradient of ones
//
// C is not a single number, so, as in notebook 03, its backward pass starts from an upstream gradient dC = ∂L/∂C, one
// number per element of C. The post uses ones (`mult.grad(ones); mult.backward()`), which is the upstream gradient of
// L = ΣC. `Tensor.Ones` makes it; like every factory it does not require grad itself. Expect A's gradient to be
// [22, 20, 16] in both rows.

// cell 8
c.Backward(Tensor.Ones(2, 4));
Console.WriteLine(a);
Console.WriteLine(b);

// ## 3 · Where dA = dC·Bᵀ comes from
//
// ### Side calculations: `NoGrad.Scope()`
//
// The next cells compute products only to look at them. Any operation on a tensor that requires grad records a graph
// node, ready for a backward pass; for a side calculation that is wasted work, and it would make the results require
// grad. Inside `using (NoGrad.Scope()) { … }` operations compute the same values but record nothing, as PyTorch's
// `torch.no_grad()` does; recording is back on when the block ends. The same product, outside and inside:

// cell 10
var recorded = a.MatMul(b);
Console.WriteLine($"outside: requires grad {recorded.RequiresGrad}");
using (NoGrad.Scope())
{
    var unrecorded = a.MatMul(b);
    Console.WriteLine($"inside NoGrad.Scope(): requires grad {unrecorded.RequiresGrad}, same values {unrecorded.Data.SequenceEqual(recorded.Data)}");
}

// ### The shapes first
//
// A's gradient has one number per element of A, so dA is n×k, here 2×3, like A. By the chain rule it can only be
// built from what reaches C, the upstream dC (n×m, 2×4), and from what C's elements were multiplied by, B (k×m, 3×4).
// Try every product of the two, each one transposed or not, in either order: the cell lets `MatMul`'s own shape check
// say which ones fit. Then the same for dB, which must be k×m (3×4) like B, from A (2×3) and dC.

// cell 12
var dC = Tensor.Ones(2, 4);

void TryProducts(string xName, Tensor x, string yName, Tensor y, Tensor wanted, string wantedName)
{
    (string Name, Tensor T)[] xForms = [(xName, x), (xName + "ᵀ", x.Transpose())];
    (string Name, Tensor T)[] yForms = [(yName, y), (yName + "ᵀ", y.Transpose())];
    var pairs = new List<((string Name, Tensor T) Left, (string Name, Tensor T) Right)>();
    foreach (var xf in xForms)
        foreach (var yf in yForms)
        {
            pairs.Add((xf, yf));
            pairs.Add((yf, xf));
        }

    foreach (var (left, right) in pairs)
    {
        string shapes = $"({left.T.Rows}×{left.T.Cols})·({right.T.Rows}×{right.T.Cols})";
        string verdict = "does not fit";
        if (left.T.Cols == right.T.Rows)
        {
            var product = left.T.MatMul(right.T);
            bool same = product.Rows == wanted.Rows && product.Cols == wanted.Cols;
            verdict = $"{product.Rows}×{product.Cols}" + (same ? $"  ← {wantedName}'s shape" : "");
        }
        Console.WriteLine($"  {left.Name + "·" + right.Name,-8} {shapes,-14} {verdict}");
    }
}

using (NoGrad.Scope())
{
    Console.WriteLine("dA must be 2×3. Products of dC and B:");
    TryProducts("dC", dC, "B", b, a, "A");
    Console.WriteLine("dB must be 3×4. Products of A and dC:");
    TryProducts("A", a, "dC", dC, b, "B");
}

// Of the eight products of dC and B only two fit at all, and only **dC·Bᵀ** has A's shape (B·dCᵀ is its transpose).
// Likewise only **Aᵀ·dC** has B's shape. The shapes alone pick the formulas; the next cells show why they are right.
//
// ### One element by hand: dA[0, 1]
//
// A[0, 1] = 3 appears in every element of row 0 of C, C[0, j] = A[0, 0]·B[0, j] + **A[0, 1]·B[1, j]** + A[0, 2]·B[2, j],
// and in no element of row 1. So its local derivative in C[0, j] is B[1, j], and 0 in row 1. The picture colours each
// element of C by ∂C[i, j]/∂A[0, 1]:

// cell 14
int ei = 0, ek = 1;    // follow A[ei, ek]
var local = new double[c.Rows * c.Cols];
for (int i = 0; i < c.Rows; i++)
    for (int j = 0; j < c.Cols; j++)
        local[c.Cols * i + j] = i == ei ? b[ek, j] : 0;

Notebook.Display(Charts.Heatmap(local, c.Rows, c.Cols,
    (i, j) => i == ei ? $"B[{ek},{j}] = {b[ek, j]}" : "0",
    title: $"∂C[i, j]/∂A[{ei}, {ek}]: only row {ei} of C uses A[{ei}, {ek}]"));

// The chain rule, summing over every use as in notebook 02, gives dA[0, 1] = Σⱼ dC[0, j] · B[1, j]: row 0 of dC against
// row 1 of B. With dC all ones, that is the sum of B's row 1:

// cell 16
var terms = Enumerable.Range(0, b.Cols).Select(j => (dc: dC[ei, j], bv: b[ek, j])).ToArray();
double byHand = terms.Sum(t => t.dc * t.bv);
Console.WriteLine($"dA[{ei}, {ek}] = {string.Join(" + ", terms.Select(t => $"{t.dc}·{t.bv}"))} = {byHand}");
Console.WriteLine($"the library's gradient of A[{ei}, {ek}]: {a.Grad[a.Cols * ei + ek]}");

// The same holds for every element: dA[i, p] = Σⱼ dC[i, j] · B[p, j], row i of dC against row p of B, which is row i of
// dC against *column* p of Bᵀ: the definition of the product **dA = dC·Bᵀ**. For B, B[p, j] appears in column j of C,
// multiplied by A[i, p] in row i, so dB[p, j] = Σᵢ A[i, p] · dC[i, j], column p of A against column j of dC:
// **dB = Aᵀ·dC**.
//
// ### The backward as loops
//
// The post writes both as loops over the flat arrays, with the forward's three loop counters. Every term
// A[i, p]·B[p, j] of C[i, j] sends dC[i, j]·B[p, j] back to A[i, p], and A[i, p]·dC[i, j] back to B[p, j], and each
// gradient adds up (`+=`) what all its terms send. Type the loops yourself if you like; the check cell holds them to
// the library.

// **Exercise 1 (break it, then check).** Run the two cells below as they are. Then write down whether you expect the
// check to catch this mistake, and for which matrices: in `BackwardA`, read B as if it were stored transposed,
// `bData[k * j + p]` instead of `bData[m * p + j]`. Run both cells again (the check marks each case ✗ or ✓, then stops with an
// error), and put the index back.

// cell 19
// dA (n×k) = dC (n×m) · Bᵀ and dB (k×m) = Aᵀ · dC, for A n×k and B k×m, all flat and row-major.
double[] BackwardA(double[] dc, double[] bData, int n, int k, int m)
{
    var dA = new double[n * k];
    for (int i = 0; i < n; i++)
        for (int j = 0; j < m; j++)
            for (int p = 0; p < k; p++)
                dA[k * i + p] += dc[m * i + j] * bData[m * p + j];
    return dA;
}

double[] BackwardB(double[] aData, double[] dc, int n, int k, int m)
{
    var dB = new double[k * m];
    for (int i = 0; i < n; i++)
        for (int j = 0; j < m; j++)
            for (int p = 0; p < k; p++)
                dB[m * p + j] += aData[k * i + p] * dc[m * i + j];
    return dB;
}

Console.WriteLine($"your dA = [{string.Join(", ", BackwardA(dC.Data, b.Data, 2, 3, 4))}]");
Console.WriteLine($"your dB = [{string.Join(", ", BackwardB(a.Data, dC.Data, 2, 3, 4))}]");

// cell 20
// Check: your loops against the library's Backward(), element by element, for every case; the cell ends with an
// error if any case differs.
int failures = 0;
void Expect(string what, double[] yours, Tensor library)
{
    for (int e = 0; e < yours.Length; e++)
    {
        double diff = Math.Abs(yours[e] - library.Grad[e]);
        if (!(diff <= 1e-12 * Math.Max(1, Math.Abs(library.Grad[e]))))
        {
            Console.WriteLine($"✗ {what}: your loop gives {yours[e]} at ({e / library.Cols}, {e % library.Cols}), the library {library.Grad[e]}");
            failures++;
            return;
        }
    }
    Console.WriteLine($"✓ {what}: all {yours.Length} elements agree");
}

void CompareWithLibrary(string name, Tensor aValues, Tensor bValues, Tensor upstream)
{
    int n = aValues.Rows, k = aValues.Cols, m = bValues.Cols;
    var x = new Tensor(n, k);
    x.SetFrom(aValues.Data);
    var y = new Tensor(k, m);
    y.SetFrom(bValues.Data);
    x.MatMul(y).Backward(upstream);
    Expect($"dA, {name}", BackwardA(upstream.Data, bValues.Data, n, k, m), x);
    Expect($"dB, {name}", BackwardB(aValues.Data, upstream.Data, n, k, m), y);
}

var numbered = new Tensor(2, 4, requiresGrad: false);
numbered.SetFrom([1, 2, 3, 4, 5, 6, 7, 8]);    // not all ones, so a mixed-up index shows
CompareWithLibrary("the post's A and B, dC = 1 to 8", a, b, numbered);
CompareWithLibrary("random (5×7)·(7×3)", Tensor.Randn(5, 7, new Random(1)), Tensor.Randn(7, 3, new Random(2)), Tensor.Randn(5, 3, new Random(3)));
if (failures > 0) throw new InvalidOperationException($"{failures} of 4 checks failed: see the ✗ lines above.");

// The library's backward computes the same two products, with its fast kernel instead of loops: `PropagateGrad` in
// [Ops/Tensors/MatMul.cs](../src/Autograd/Ops/Tensors/MatMul.cs) adds dC·Bᵀ into A's gradient and Aᵀ·dC into B's,
// reading B and A in place rather than building their transposes. Written with the library's own operations, as side
// calculations, the two formulas give A's and B's gradients from section 2:

// cell 22
using (NoGrad.Scope())
{
    var dA = dC.MatMul(b.Transpose());
    var dB = a.Transpose().MatMul(dC);
    Console.WriteLine($"dC·Bᵀ = [{string.Join(", ", dA.Data)}]  equals A's gradient: {dA.Data.SequenceEqual(a.Grad)}");
    Console.WriteLine($"Aᵀ·dC = [{string.Join(", ", dB.Data)}]  equals B's gradient: {dB.Data.SequenceEqual(b.Grad)}");
}

// A finite-difference check of the rule, on random matrices and through a `Tanh`, so that dC is not all ones:

// cell 24
var x = Tensor.Randn(3, 5, new Random(7));
var w = Tensor.Randn(5, 4, new Random(8));
var check = GradCheck.Check(t => t[0].MatMul(t[1]).Tanh().Sum(), x, w);
Console.WriteLine($"passed at 1e-6: {check.Passed(1e-6)}");

// ## 4 · When the shapes do not fit
//
// A·B needs A's columns to match B's rows. Multiplying the 2×3 A by itself does not fit, and the error says so before
// any work is done:

// cell 26
try
{
    a.MatMul(a);
}
catch (ArgumentException e)
{
    Console.WriteLine(e.Message);
}

// **Exercise 2 (predict, then run).** A different upstream gradient: the cell seeds the backward with
// dC = [1, 0, 0, 0; 0, 0, 0, 2]. Before you run it, write down A's whole gradient using the row rule, dA[i, p] = row i of
// dC against row p of B (B's rows are [4, 5, 6, 7], [8, 9, 1, 2], [4, 7, 1, 4]). Then put other numbers in the seed and
// predict again. The check compares the library's result with your `BackwardA` loop and with dC·Bᵀ.

// cell 28
a.ZeroGrad();    // leaf gradients accumulate across passes: clear what section 2 left
b.ZeroGrad();
var seed = new Tensor(2, 4, requiresGrad: false) { Label = "dC" };
seed.SetFrom([1, 0, 0, 0,
              0, 0, 0, 2]);
a.MatMul(b).Backward(seed);
Console.WriteLine(a);

// cell 29
// Check: is A's gradient row i of dC against row p of B, for every (i, p)?
var yourLoop = BackwardA(seed.Data, b.Data, a.Rows, a.Cols, b.Cols);
double[] matrixForm;
using (NoGrad.Scope())
{
    matrixForm = seed.MatMul(b.Transpose()).Data;
}
for (int i = 0; i < a.Rows; i++)
{
    var elements = Enumerable.Range(0, a.Cols).Select(p =>
    {
        var used = Enumerable.Range(0, b.Cols).Where(j => seed[i, j] != 0).Select(j => $"{seed[i, j]}·{b[p, j]}").ToArray();
        return $"dA[{i}, {p}] = {(used.Length == 0 ? "0" : string.Join(" + ", used))}";
    });
    Console.WriteLine(string.Join("   ", elements));
}
bool Close(double[] x, double[] y) => x.Zip(y, (u, v) => Math.Abs(u - v) <= 1e-12 * Math.Max(1, Math.Abs(v))).All(ok => ok);
bool agrees = Close(yourLoop, a.Grad) && Close(matrixForm, a.Grad);
Console.WriteLine(agrees
    ? $"✓ A's gradient [{string.Join(", ", a.Grad)}] is dC·Bᵀ, and your loop gives the same. Is it what you wrote down?"
    : $"✗ A's gradient [{string.Join(", ", a.Grad)}], your loop [{string.Join(", ", yourLoop)}] and dC·Bᵀ [{string.Join(", ", matrixForm)}] differ");

// **Exercise 3 (predict, then run): a frozen B.** As in notebook 02, an input that does not require grad receives
// nothing. In the cell below, change `requiresGrad: true` to `false` for B. Before you run it, write down what A's
// and B's gradients will be after the backward with a gradient of ones. The check says what changed.

// cell 31
var a3 = new Tensor(2, 3) { Label = "A" };
a3.SetFrom(a.Data);
var b3 = new Tensor(3, 4, requiresGrad: true) { Label = "B" };
b3.SetFrom(b.Data);
a3.MatMul(b3).Backward(Tensor.Ones(2, 4));
Console.WriteLine(a3);
Console.WriteLine(b3);

// cell 32
// Check: A's gradient does not depend on whether B takes one; B gets Aᵀ·dC only when it requires grad.
var ones = Tensor.Ones(2, 4);
bool aAsBefore = Close(a3.Grad, BackwardA(ones.Data, b3.Data, 2, 3, 4));
bool bAsExpected = b3.RequiresGrad
    ? Close(b3.Grad, BackwardB(a3.Data, ones.Data, 2, 3, 4))
    : b3.Grad.All(g => g == 0);
Console.WriteLine($"B requires grad: {b3.RequiresGrad}");
Console.WriteLine(aAsBefore ? "✓ A's gradient is dC·Bᵀ, as with a B that takes gradients" : "✗ A's gradient is not dC·Bᵀ");
Console.WriteLine(bAsExpected
    ? (b3.RequiresGrad ? "✓ B received Aᵀ·dC" : "✓ B received nothing: its gradient stayed all zero")
    : "✗ B's gradient is not what the rule says");

// ## Summary
//
// - C = A·B sums row i of A against column j of B; on flat arrays, A[i, p] is `A.Data[A.Cols * i + p]`.
// - Its backward is two more products, **dA = dC·Bᵀ** and **dB = Aᵀ·dC**: the only products of the right shapes, and
//   what the chain rule gives by summing over every use of an element. As loops, each term of the forward sends one
//   product back to each of its two factors.
// - `NoGrad.Scope()` runs side calculations without recording a graph.
// - A shape mismatch is refused before any work, with both shapes in the message.
//
// **Source files used here:** [Ops/Tensors/MatMul.cs](../src/Autograd/Ops/Tensors/MatMul.cs) (the node: forward and
// backward), [Kernels/Gemm.cs](../src/Autograd/Kernels/Gemm.cs) (the products; `ProductReference` is the plain loop
// the fast kernel computes), [NoGrad.cs](../src/Autograd/NoGrad.cs), [Tensor.cs](../src/Autograd/Tensor.cs).
//
// ## Optional · How fast is it?
//
// The triple loop does 2n³ floating-point operations for two n×n matrices, one multiply-add at a time, and reads B down
// its columns, jumping `Cols` numbers at every step. The library's kernel computes the same sums as `ProductReference`,
// but keeps a small block of C in registers, multiplies several numbers per instruction (SIMD), packs B so it is read
// in order, and splits large products over both cores. The chart shows GFLOP/s (billions of floating-point operations
// per second) for both, measured in this notebook session, on log axes: n doubles from one point to the next, and the y axis
// spans the large gap between the two. Timings depend on the machine, so your numbers will differ. To see the naive
// loop slow down further once B no longer fits in the cache, add 512 to `sizes` (it takes a few seconds).

// cell 34
// notebook: no-verify (timings differ from run to run)
double GFlops(int n, Action multiply)
{
    // Repeat for a fifth of a second and keep the fastest run: the first runs also pay for compiling the code (.NET
    // compiles a method quickly first, and optimised once it has run a few dozen times).
    double fastest = double.MaxValue;
    var total = System.Diagnostics.Stopwatch.StartNew();
    while (total.Elapsed.TotalSeconds < 0.2)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        multiply();
        fastest = Math.Min(fastest, clock.Elapsed.TotalSeconds);
    }
    return 2.0 * n * n * n / fastest / 1e9;
}

int[] sizes = [16, 32, 64, 128, 256];
var naive = new List<double>();
var library = new List<double>();
foreach (int n in sizes)
{
    var p = Tensor.Randn(n, n, new Random(1));
    var q = Tensor.Randn(n, n, new Random(2));
    naive.Add(GFlops(n, () => NaiveMatMul(p.Data, q.Data, n, n, n)));
    library.Add(GFlops(n, () => p.MatMul(q)));
}

var nAxis = sizes.Select(n => (double)n).ToArray();
Notebook.Display(Charts.Line(
    [new Series("naive triple loop", nAxis, naive),
     new Series("library MatMul", nAxis, library)],
    title: "MatMul speed", xTitle: "n, for n×n times n×n (log scale)", yTitle: "GFLOP/s (log scale)", logX: true, logY: true));

// **Previous:** [03 · Flat tensors](03-flat-tensors.ipynb). **Next:** [05 · A Sequential network](05-sequential-network.ipynb).
