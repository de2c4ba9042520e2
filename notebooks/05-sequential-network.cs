// 05-sequential-network.cs: the notebook 05-sequential-network.ipynb as a program. Run it from the repository root with
// `dotnet run notebooks/05-sequential-network.cs`. Written by `dotnet run --project src/Autograd.Notebooks -- update`
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
using Autograd.NN;
using Autograd.Optim;
using Autograd.Data;
using System.Text;

// Without a kernel: values the notebook shows print as text, and pictures are written as SVG files.
Notebook.SetupApp("../artifacts/pictures/05-sequential-network");

// # 05 · A Sequential network
//
// The JavaScript post ends with a sketch of a network in a PyTorch style:
//
// ```js
// var model = new Sequential([new Linear(2,3), new ReLU(), new Linear(3,2), new Softmax()]);
// model.forward(x); var loss = new Loss(1, model.out); loss.backward(); optim.step()
// ```
//
// This notebook runs that sketch for real, builds by hand each piece the library then does for you, and trains a
// network that learns something. You will:
//
// 1. build the post's network and feed it x = [2, 3], one layer at a time;
// 2. derive a `Linear` layer's backward rule and write it yourself, as an operation of your own, checked against finite
//    differences;
// 3. write the loss −log p[target], back-propagate, and derive the gradient it sends into the scores: p − onehot;
// 4. take one step of gradient descent with a loop of your own, then let `SGD` take the same step;
// 5. see why training drops the final `Softmax` and uses `CrossEntropyLoss` on the raw scores (*logits*) instead;
// 6. see how far a straight line gets on a spiral (a linear model);
// 7. look at a layer's gradients as a heatmap, and find the ReLU units that get none;
// 8. train a 2-100-3 ReLU network on a spiral data set, with a live loss curve, and draw what it learned.

// cell 2
Notebook.Setup();
Rng.Seed(0);

// The network classes live in `Autograd.NN`, the optimizers in `Autograd.Optim`, the data sets in `Autograd.Data`.
// (The first cell's `Rng.Seed(0)` fixed the library's random generator, as `torch.manual_seed` does, so the layers
// below start from the same weights on every run.) `Row` prints a tensor's numbers on one line.

// cell 4
string Row(IEnumerable<double> values) => "[" + string.Join(", ", values.Select(v => v.ToString("G6"))) + "]";

// ## 1 · The post's network
//
// A [`Linear`](../src/Autograd/NN/Linear.cs) layer computes x·W + b, with W of shape in×out and a bias row b of
// length out, exactly notebook 03's broadcast and notebook 04's MatMul. [`Sequential`](../src/Autograd/NN/Sequential.cs)
// feeds each layer's output to the next. Displaying a model lists its layers and parameters: 2·3 + 3 = 9 in the first
// layer, 3·2 + 2 = 8 in the second.

// cell 6
var model = new Sequential(new Linear(2, 3), new ReLU(), new Linear(3, 2), new Softmax());
Notebook.Display(model);

// The input is one example with two features, a 1×2 row. The cell runs the four layers one after another, as
// `Sequential.Forward` does, to keep every intermediate result: h, the first layer's outputs (the hidden units'
// *pre-activations*); a = ReLU(h), which replaces each negative number with 0; z, the second layer's two scores, one
// per class (the *logits*); and p = softmax(z), probabilities that are positive and sum to 1.

// cell 8
var x = new Tensor(1, 2, requiresGrad: false);
x.SetFrom([2, 3]);
var h = model[0].Forward(x);   // Linear(2, 3)
var a = model[1].Forward(h);   // ReLU
var z = model[2].Forward(a);   // Linear(3, 2)
var p = model[3].Forward(z);   // Softmax
Console.WriteLine($"h = {Row(h.Data)}\na = {Row(a.Data)}\nz = {Row(z.Data)}\np = {Row(p.Data)}, sum {p.Data.Sum():G6}");
Console.WriteLine($"model.Forward(x) gives the same p: {model.Forward(x).Data.SequenceEqual(p.Data)}");

// ## 2 · A Linear layer's backward, by hand
//
// Before letting the library back-propagate through the layers, derive what it will do. A `Linear` layer on a batch of
// n rows computes
//
// Y = X·W + b,  that is  Y[i, j] = Σₖ X[i, k] · W[k, j] + b[j],
//
// with X n×in, W in×out, b 1×out and Y n×out. Given dY = ∂L/∂Y (one number per element of Y), the chain rule sums over
// every use of each input (notebook 02), and notebook 04 already did the product part:
//
// - **dX = dY·Wᵀ** and **dW = Xᵀ·dY**: X·W is notebook 04's product;
// - **db = the column sums of dY**: b[j] is added to Y[i, j] in every row i with derivative 1, so
//   ∂L/∂b[j] = Σᵢ dY[i, j].
//
// The library's `Linear` builds two nodes, a `MatMul` and a broadcast `Add`, each with its own rule. Here is the whole
// layer as one operation of your own, written as the library writes its operations (the README's [Your own operations](../README.md#your-own-operations)):
// the constructor passes the shape and the three inputs to `Tensor`'s constructor and fills `Data`; `PropagateGrad()`
// is the local rule, called once `Grad` (this node's dY) is complete, and adds into each input's `Grad`. The loops are
// the three sums above, element by element, with (r, c) at `Cols * r + c` as always.

// cell 10 declares Affine, at the end of the file

// Two checks. On the post's input and first-layer weights, `Affine` must give the h that `Linear` gave, up to rounding
// in the last bit (the library adds the bias last rather than first, and rounds each multiply-add once, fused). The
// library's `Linear` builds this very node, one per layer: [`Ops/Tensors/Affine.cs`](../src/Autograd/Ops/Tensors/Affine.cs)
// has the same three rules, over the fast product kernels. And
// `GradCheck.Check` (notebooks 02 and 03) compares your rule with finite differences on a random batch X of 4 rows, through a
// `Tanh` so that dY is not all ones; it passes when each of the 8 + 6 + 3 = 17 gradients (of X, W and b) agrees within
// 10⁻⁶.

// cell 12
var first = (Linear)model[0];
var hMine = new Affine(x, first.Weight, first.Bias);
Console.WriteLine($"Affine: h = {Row(hMine.Data)}, largest difference from Linear's h: {hMine.Data.Zip(h.Data, (m, l) => Math.Abs(m - l)).Max():G3}");

var batch = Tensor.Randn(4, 2, new Random(1));
var weights = Tensor.Randn(2, 3, new Random(2));
var bias = Tensor.Randn(1, 3, new Random(3));
var affineCheck = GradCheck.Check(t => new Affine(t[0], t[1], t[2]).Tanh().Sum(), batch, weights, bias);
Console.WriteLine(affineCheck);
Console.WriteLine($"passed at 1e-6: {affineCheck.Passed(1e-6)}");

// ## 3 · The loss, and the gradient it sends back
//
// The post's `Loss(1, model.out)` is the negative log-probability of the right class, here class 1:
// L = −log p[1]. It is 0 when the network is certain and right, and grows without bound as p[1] goes to 0. With tensor
// operations: take `Log()` of every probability, keep the one of class 1 by multiplying with the *one-hot* row [0, 1]
// (a 1 at the target class, 0 elsewhere) and summing, and negate.
//
// What will `Backward()` send into the scores z? Write p[k] = e^z[k] / Σⱼ e^z[j] and t for the target class. Then
//
// L = −log p[t] = −z[t] + log Σⱼ e^z[j],
//
// and differentiating by z[k]: the first term gives −1 when k = t and 0 otherwise, the second gives
// e^z[k] / Σⱼ e^z[j] = p[k]. So **∂L/∂z = p − onehot(t)**: every wrong class's score is pushed down by its
// probability, the right one's pushed up by 1 − p[t]. The cell compares that with what `Backward()` computed through
// the `Softmax`, `Log`, multiplication and sum nodes (an interior node's `Grad` holds the latest pass's gradient).

// cell 14
var target = new Tensor(1, 2, requiresGrad: false);
target.SetFrom([0, 1]);
var loss = (p.Log() * target).Sum() * -1;
loss.Backward();
Console.WriteLine($"L = -log p[1] = {loss.Item():G6}");
Console.WriteLine($"dL/dz from Backward(): {Row(z.Grad)}");
Console.WriteLine($"p - onehot, by hand:   {Row(p.Data.Zip(target.Data, (pk, onehot) => pk - onehot))}");

// From z the gradient flows on through the second `Linear` (your rule: dA = dZ·W₂ᵀ), through `ReLU` (which passes
// the gradient where its input was positive and 0 where it was not), and through the first `Linear` into W₁. Look at
// h above and at dL/dW₁ below: W₁ is 2×3, so the six numbers are row 0 then row 1, and column 1 (hidden unit 1, flat
// positions 1 and 4) is where h was negative.

// cell 16
Console.WriteLine($"h      = {Row(h.Data)}");
Console.WriteLine($"dL/dW₁ = {Row(first.Weight.Grad)}");
Console.WriteLine($"unit 1: h[1] = {h[0, 1]:G6} <= 0: {h[0, 1] <= 0}; its column of dL/dW₁: {Row([first.Weight.Grad[1], first.Weight.Grad[4]])}");

// ## 4 · One step of gradient descent, by hand
//
// Each weight now holds its gradient: how much L rises per unit of that weight. Gradient descent moves every weight a
// little against it, w ← w − lr · ∂L/∂w, with a *learning rate* lr. That is a loop over the model's parameters (its
// `Parameters()`: W₁, b₁, W₂, b₂) and over each one's numbers. The cell keeps a copy of the weights, takes the step with
// a loop, puts the weights back and lets the library's [`SGD`](../src/Autograd/Optim/SGD.cs) (stochastic gradient
// descent) take its step from the same gradients: the weights come out the same. Expect the loss to go down and p[1]
// to go up.

// cell 18
double lr = 0.5;
var before = model.Parameters().Select(w => w.Data.ToArray()).ToList();
foreach (var w in model.Parameters())
    for (int i = 0; i < w.Data.Length; i++)
        w.Data[i] -= lr * w.Grad[i];
var byHand = model.Parameters().Select(w => w.Data.ToArray()).ToList();

foreach (var (w, old) in model.Parameters().Zip(before)) w.SetFrom(old);
var sgd = new SGD(model.Parameters(), lr: lr);
sgd.Step();
bool same = model.Parameters().Zip(byHand).All(pair => pair.First.Data.SequenceEqual(pair.Second));
Console.WriteLine($"SGD.Step() gives the weights of the hand-written loop: {same}");

var pAfter = model.Forward(x);
var lossAfter = (pAfter.Log() * target).Sum() * -1;
Console.WriteLine($"after one step: p[1] {p.Data[1]:G6} → {pAfter.Data[1]:G6}, L {loss.Item():G6} → {lossAfter.Item():G6}");

// Before the next step the gradients must be cleared (`sgd.ZeroGrad()`), because `Backward()` adds into them: that
// is the training loop's first line below.
//
// ## 5 · Why training drops the final Softmax
//
// Softmax then log, as two separate steps, breaks on confident mistakes. Take the scores (logits) [800, 0] for an
// example of class 1. Softmax needs e^800, which overflows; the library subtracts the row's maximum first, so it computes
// [1, e^−800], but e^−800 is below the smallest double and rounds to 0. The log of that 0 is −∞, and the loss is
// infinite, with no useful gradient.
//
// [`CrossEntropyLoss`](../src/Autograd/NN/CrossEntropyLoss.cs) takes the logits themselves and fuses the two steps:
// log p[k] = z[k] − max(z) − log Σ e^(z − max(z)), which never forms the tiny probability, and its backward is the rule
// you derived, p − onehot, with no division by a probability that may be 0. Here p = [1, 0] (to the last bit), so the
// gradient should be [1, −1]: "lower the score of class 0, raise class 1".
//
// From here on the targets change form. The one-hot row [0, 1] only served to pick p[1] out by a multiplication and a
// sum; `CrossEntropyLoss` takes the class itself, an `int` per row of logits, so the target [0, 1] becomes `[1]`, and a
// batch of 300 examples comes with an `int[]` of 300 classes (which is what the data sets below return).

// cell 20
var logits = new Tensor(1, 2);
logits.SetFrom([800, 0]);
var separate = (logits.Softmax().Log() * target).Sum() * -1;
var crossEntropy = new CrossEntropyLoss();
var fused = crossEntropy.Forward(logits, [1]);
fused.Backward();
Console.WriteLine($"softmax then log: {separate.Item()}");
Console.WriteLine($"CrossEntropyLoss: {fused.Item()}, gradient {Row(logits.Grad)}");

// On a batch of n rows, `CrossEntropyLoss` is the *mean* of the rows' losses, so each row's gradient is divided by n:
// ∂L/∂Z[r, k] = (P[r, k] − onehot(tᵣ)[k]) / n, with P the row-wise softmax of Z. The cell computes that by hand for 4
// random rows of 3 classes and compares it with what the library's backward gives.

// cell 22
var scores = Tensor.Randn(4, 3, new Random(5), requiresGrad: true);
int[] classes = [2, 0, 1, 1];
crossEntropy.Forward(scores, classes).Backward();
var probabilities = scores.Detach().Softmax();   // Detach(): a copy of the numbers, outside the graph
var expected = new double[scores.Data.Length];
for (int r = 0; r < scores.Rows; r++)
    for (int k = 0; k < scores.Cols; k++)
        expected[scores.Cols * r + k] = (probabilities[r, k] - (k == classes[r] ? 1 : 0)) / scores.Rows;
Console.WriteLine($"(P - onehot) / n, by hand: {Row(expected)}");
Console.WriteLine($"CrossEntropyLoss backward: {Row(scores.Grad)}");
Console.WriteLine($"largest difference: {expected.Zip(scores.Grad, (e, g) => Math.Abs(e - g)).Max():G3}");

// So a network for training ends at its last `Linear`, and `CrossEntropyLoss` does the softmax inside the loss. To get
// probabilities for display, apply `Softmax()` to the logits afterwards; to get the predicted class, `ArgMax()` of the
// logits is enough (softmax keeps the order).
//
// ## 6 · A spiral, and what a straight line can do
//
// Three arms of a spiral, 100 points each, one class per arm ([`Datasets.Spiral`](../src/Autograd/Data/Datasets.cs)),
// with the classes as an `int[]`. No straight line separates the arms. The cell trains a single `Linear(2, 3)` layer, a
// *linear* model whose decision regions are cut out by straight lines, for 500 steps, and counts how many points it
// gets right. It trains with `Adam`, an optimizer that adapts the step of each parameter (section 8 says more), and opens a `Tensor.Scope()` for each step, which lets the step's arrays be reused by the next (section 8
// explains it too).

// cell 24
var (points, labels) = Datasets.Spiral(100, 3, seed: 0);
Console.WriteLine($"{points.Rows} points with {points.Cols} coordinates; classes {string.Join(", ", labels.Distinct().Order())}");

Rng.Seed(0);
var linear = new Linear(2, 3);
var linearAdam = new Adam(linear.Parameters(), lr: 0.01);
for (int step = 0; step < 500; step++)
{
    using var stepScope = Tensor.Scope();
    linearAdam.ZeroGrad();
    crossEntropy.Forward(linear.Forward(points), labels).Backward();
    linearAdam.Step();
}
using (NoGrad.Scope())
{
    int right = linear.Forward(points).ArgMax().Zip(labels).Count(pair => pair.First == pair.Second);
    Console.WriteLine($"linear model: {right} of {labels.Length} right ({100.0 * right / labels.Length:F1}%)");
}

// About half right: better than the third a guess would get, far from all. A hidden layer of ReLU units can bend the
// boundary around the arms; before training one, look at what its gradients look like.
//
// ## 7 · Gradients as a picture
//
// A small network, 2-8-3, one forward and backward pass over all 300 points. The heatmap shows the hidden layer's
// gradients: rows 0 and 1 are dL/dW₁ (the weights from the x and y coordinates), row 2 is dL/db₁, and each column is one
// hidden unit. The colour is the gradient's size (light for 0, dark blue for the largest), the label its value.

// cell 26
Rng.Seed(0);
var small = new Sequential(new Linear(2, 8), new ReLU(), new Linear(8, 3));
var smallHidden = (Linear)small[0];
crossEntropy.Forward(small.Forward(points), labels).Backward();

SvgImage HiddenGradients(Linear layer, string title)
{
    double[] g = [.. layer.Weight.Grad, .. layer.Bias.Grad];
    return Charts.Heatmap(g.Select(Math.Abs).ToArray(), 3, layer.OutFeatures, (r, c) => g[layer.OutFeatures * r + c].ToString("G3"), title);
}

Notebook.Display(HiddenGradients(smallHidden, "2-8-3 on the spiral: dL/dW₁ (rows 0, 1) and dL/db₁ (row 2), one column per unit"));

// Some columns are all zeros. Every gradient of unit j's weights passes through its ReLU: dW₁[k, j] sums
// dA[i, j] · X[i, k] over the rows i where the pre-activation H[i, j] was positive, and ReLU sends 0 back from every
// other row. A column of zeros means a unit that was off, H[i, j] ≤ 0, for every one of the 300 points. The cell
// computes each unit's largest pre-activation over the data and how many points switch it on.

// cell 28
using (NoGrad.Scope())
{
    var pre = smallHidden.Forward(points);
    for (int j = 0; j < pre.Cols; j++)
    {
        var column = Enumerable.Range(0, pre.Rows).Select(i => pre[i, j]).ToList();
        Console.WriteLine($"unit {j}: largest pre-activation {column.Max(),10:G4}, on for {column.Count(v => v > 0),3} of {pre.Rows} points");
    }
}
var second = (Linear)small[2];
Console.WriteLine($"row 3 of dL/dW₂: {Row(second.Weight.Grad.Skip(3 * 3).Take(3))}, row 7: {Row(second.Weight.Grad.Skip(7 * 3).Take(3))}");

// Units 3 and 7 are never on: their columns above are zero, and so are their rows of the next layer's gradient dW₂ (by
// your rule dW₂ = Aᵀ·dZ, and their column of A is all zeros). No gradient ever reaches their weights, so gradient descent
// cannot move them: a *dead* ReLU unit, here from the random start. A wide layer can spare a few.

// **Exercise 1 (predict, then run).** Unit 0 is on for 276 of the 300 points (above). In the cell below, change
// `shift` from `0` to `-3`, which lowers unit 0's bias by 3 before the forward and backward pass. Before you run it,
// write down whether column 0 of the heatmap will be all zeros, and why: set `predictZeroColumn` to your answer. Then
// run the cell and the check after it.

// cell 31
bool predictZeroColumn = false;   // your prediction: will column 0 be all zeros?
double shift = 0;                 // the exercise: -3

Rng.Seed(0);
var probe = new Sequential(new Linear(2, 8), new ReLU(), new Linear(8, 3));
var probeHidden = (Linear)probe[0];
probeHidden.Bias[0, 0] += shift;
crossEntropy.Forward(probe.Forward(points), labels).Backward();
Notebook.Display(HiddenGradients(probeHidden, $"unit 0's bias shifted by {shift}"));

// cell 32
// Check: is column 0 all zeros, and was unit 0 off for every point?
bool columnZero = probeHidden.Weight.Grad[0] == 0 && probeHidden.Weight.Grad[8] == 0 && probeHidden.Bias.Grad[0] == 0;
double largestPre;
using (NoGrad.Scope())
{
    var pre = probeHidden.Forward(points);
    largestPre = Enumerable.Range(0, pre.Rows).Max(i => pre[i, 0]);
}
Console.WriteLine($"unit 0's largest pre-activation: {largestPre:G4}, so it is {(largestPre <= 0 ? "off for every point" : "on for some points")}");
Console.WriteLine($"column 0 all zeros: {columnZero}. You predicted {predictZeroColumn}: {(columnZero == predictZeroColumn ? "right." : "not this time; the largest pre-activation above says why.")}");

// ## 8 · Training on the spiral
//
// Now a hidden layer of 100 ReLU units. The training loop is the same four lines as in PyTorch: clear the gradients,
// compute the loss, back-propagate, step. [`Adam`](../src/Autograd/Optim/Adam.cs) adapts each weight's step size from
// the history of its gradients, which makes it forgiving about the learning rate. The whole data set is one batch, for
// 1000 steps. The chart updates while the loop runs (the loss is on a log scale).
//
// Each step runs inside `Tensor.Scope()`: the step's results (the activations and their gradients, 240 KB each)
// belong to the scope, and when it ends their memory goes to the next step's results instead of waiting for the
// garbage collector. Anything needed after the step is read inside it, as
// `l.Item()` is here; a result used after its scope has ended throws an `ObjectDisposedException`.

// cell 34
Rng.Seed(0);
var net = new Sequential(new Linear(2, 100), new ReLU(), new Linear(100, 3));
var adam = new Adam(net.Parameters(), lr: 0.01);
var curve = LossCurve.Show("spiral: training loss", logY: true);
for (int step = 0; step < 1000; step++)
{
    using var stepScope = Tensor.Scope();
    adam.ZeroGrad();
    var l = crossEntropy.Forward(net.Forward(points), labels);
    l.Backward();
    adam.Step();
    if (step % 10 == 0) curve.Add(step, l.Item());
}

// Accuracy is measured without building a graph, inside `NoGrad.Scope()`. The cell also counts the hidden units that
// are off for every point, as in section 7.

// cell 36
int correct;
int dead;
using (NoGrad.Scope())
{
    var predicted = net.Forward(points).ArgMax();
    correct = predicted.Zip(labels).Count(pair => pair.First == pair.Second);
    var pre = net[0].Forward(points);
    dead = Enumerable.Range(0, pre.Cols).Count(j => Enumerable.Range(0, pre.Rows).All(i => pre[i, j] <= 0));
}
Console.WriteLine($"training accuracy: {correct} of {labels.Length} ({100.0 * correct / labels.Length:F2}%)");
Console.WriteLine($"hidden units off for every point: {dead} of 100");

// And what the network learned: every point of the plane coloured by the class the network predicts there, with the
// data on top. The boundaries follow the arms.

// cell 38
Notebook.Display(Charts.DecisionBoundary(net, points, labels, title: "2-100-3 ReLU network on the spiral"));

// **Exercise 2 (predict, then run).** The cell below trains the same 2-100-3 network with plain `SGD`, the step you
// wrote by hand in section 4, for 200 steps at `sgdLr = 1`, and draws the loss. Change `sgdLr` to `20`. Before you run it,
// write down what the loss curve will do and set `predictLossFalls` to whether the loss after 200 steps will be below
// where it started. Then run the cell and the check after it.

// cell 40
bool predictLossFalls = true;   // your prediction: is the loss after 200 steps below the first one?
double sgdLr = 1;               // the exercise: 20

Rng.Seed(0);
var sgdNet = new Sequential(new Linear(2, 100), new ReLU(), new Linear(100, 3));
var plainSgd = new SGD(sgdNet.Parameters(), lr: sgdLr);
var sgdLosses = new List<double>();
for (int step = 0; step < 200; step++)
{
    using var stepScope = Tensor.Scope();
    plainSgd.ZeroGrad();
    var l = crossEntropy.Forward(sgdNet.Forward(points), labels);
    l.Backward();
    plainSgd.Step();
    sgdLosses.Add(l.Item());
}
Notebook.Display(Charts.Line([new Series($"SGD, lr {sgdLr}", sgdLosses.Select((_, i) => (double)i), sgdLosses)],
    title: "spiral: plain gradient descent", xTitle: "step", yTitle: "loss", logY: true));

// cell 41
// Check: did the loss fall, and did you predict it?
bool fell = sgdLosses[^1] < sgdLosses[0];
Console.WriteLine($"lr {sgdLr}: loss {sgdLosses[0]:G4} at step 0, {sgdLosses[^1]:G4} at step {sgdLosses.Count - 1}, highest {sgdLosses.Max():G4}");
Console.WriteLine($"the loss {(fell ? "fell" : "did not fall")}. You predicted it would {(predictLossFalls ? "fall" : "not fall")}: {(fell == predictLossFalls ? "right." : "not this time; look at the curve.")}");

// ### Try it
//
// - Change the hidden layer of `net` to `new Linear(2, 5)` and `new Linear(5, 3)`: how many straight cuts can five ReLU
//   units make, and what do the accuracy and the decision boundary show?
// - Put a `new Softmax()` at the end of `net` and keep `CrossEntropyLoss`: the loss then applies softmax to
//   probabilities, a second time. What does the loss curve do?
// - In section 4, take ten steps in a loop (clear the gradients, forward, loss, `Backward()`, your update) and print
//   p[1] after each.

// ## Summary
//
// - A `Linear` layer's backward is three rules you can write yourself: **dX = dY·Wᵀ**, **dW = Xᵀ·dY**, and
//   **db = the column sums of dY**; an operation of your own is a `Tensor` subclass with a constructor and
//   `PropagateGrad()`, checked with `GradCheck`.
// - Softmax followed by −log p[t] sends **p − onehot(t)** back into the logits (divided by n for a batch mean);
//   `CrossEntropyLoss` computes exactly that, stably, from logits and integer targets.
// - A training step is `ZeroGrad()`, loss, `Backward()`, `Step()`; plain SGD's step is w ← w − lr · ∂L/∂w over every
//   parameter; Exercise 2 shows what too large a learning rate does to it.
// - A column of zeros in a layer's gradient is a ReLU unit that was off for every example: no gradient reaches it.
//
// **Source files used here:** [NN/Linear.cs](../src/Autograd/NN/Linear.cs), [NN/Sequential.cs](../src/Autograd/NN/Sequential.cs),
// [NN/CrossEntropyLoss.cs](../src/Autograd/NN/CrossEntropyLoss.cs),
// [Ops/Tensors/CrossEntropy.cs](../src/Autograd/Ops/Tensors/CrossEntropy.cs),
// [Optim/SGD.cs](../src/Autograd/Optim/SGD.cs), [Optim/Adam.cs](../src/Autograd/Optim/Adam.cs),
// [Data/Datasets.cs](../src/Autograd/Data/Datasets.cs); a fused X·W + b operation written from outside the library, as
// yours is: `Affine` in [tests/Autograd.Extending.Tests/Ops.cs](../tests/Autograd.Extending.Tests/Ops.cs).
//
// **Previous:** [04 · MatMul backprop](04-matmul-backprop.ipynb). **Next:** [06 · Handwritten digits](06-handwritten-digits.ipynb).

// The types the cells declare: a program declares them after its top-level statements.

// cell 10
sealed class Affine : Tensor
{
    // Y = X·W + b: X is n×in, W in×out, b 1×out; Y is n×out.
    public Affine(Tensor x, Tensor w, Tensor b) : base(x.Rows, w.Cols, x, w, b)
    {
        for (int i = 0; i < Rows; i++)
            for (int j = 0; j < Cols; j++)
            {
                double sum = b.Data[j];
                for (int k = 0; k < x.Cols; k++)
                    sum += x.Data[x.Cols * i + k] * w.Data[w.Cols * k + j];
                Data[Cols * i + j] = sum;
            }
    }

    protected override void PropagateGrad()
    {
        var (x, w, b) = (Inputs[0], Inputs[1], Inputs[2]);
        for (int i = 0; i < Rows; i++)
            for (int j = 0; j < Cols; j++)
            {
                double dY = Grad[Cols * i + j];
                if (b.RequiresGrad) b.Grad[j] += dY;                                               // db = column sums of dY
                for (int k = 0; k < x.Cols; k++)
                {
                    if (x.RequiresGrad) x.Grad[x.Cols * i + k] += dY * w.Data[w.Cols * k + j];   // dX = dY·Wᵀ
                    if (w.RequiresGrad) w.Grad[w.Cols * k + j] += x.Data[x.Cols * i + k] * dY;   // dW = Xᵀ·dY
                }
            }
    }
}
