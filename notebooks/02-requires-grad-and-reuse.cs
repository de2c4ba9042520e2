// 02-requires-grad-and-reuse.cs: the notebook 02-requires-grad-and-reuse.ipynb as a program. Run it from the repository root with
// `dotnet run notebooks/02-requires-grad-and-reuse.cs`. Written by `dotnet run --project src/Autograd.Notebooks -- update`
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
Notebook.SetupApp("../artifacts/pictures/02-requires-grad-and-reuse");

// # 02 · requiresGrad, reuse and accumulation
//
// Notebook 01 built f = (x + y) · z by hand and with the library, and both gave the same gradients. This notebook
// looks at what makes a real autograd engine different from the hand-written one, and has you build one:
//
// 1. **freezing** an input with `RequiresGrad = false`, so no gradient flows into it;
// 2. a value **used twice** (b = a + a), where the hand-written recursive `Backward` gives the wrong answer, and
//    **your own engine**, about twenty lines, that gets it right, with its visit order drawn on the graph;
// 3. gradients that **accumulate** across passes, and `ZeroGrad()`;
// 4. two smooth operations, `Tanh` and `Exp`, and one artificial **neuron** built from them;
// 5. checking every gradient against **finite differences**, and a chart of a function beside its derivative;
// 6. **an operation of your own**, written with the library's public API, checked, then broken on purpose.

// cell 2
Notebook.Setup();
Rng.Seed(0);

// ## 1 · Freezing an input
//
// `RequiresGrad` says whether gradient should flow into a leaf. Turning it off *freezes* the input: it is how a
// network keeps some of its weights fixed while training the rest. Here x is frozen. Expect x's gradient to stay 0,
// and every other gradient to be what notebook 01 found (dq = -4, dy = -4, dz = 3): freezing x changes nothing else.

// cell 4
var x = new Scalar(-2, requiresGrad: false, label: "x");
var y = new Scalar(5, label: "y");
var z = new Scalar(-4, label: "z");
var q = new Add(x, y, "q");
var f = new Mul(q, z, "f");
f.Backward();
Console.WriteLine($"dx = {x.Grad}, dy = {y.Grad}, dz = {z.Grad}, dq = {q.Grad}");
Notebook.Display(Notebook.Graph(f));

// A frozen leaf is drawn grey and dashed. An operation's result requires grad when any of its inputs does, so q still
// does (through y). If *no* input requires grad, the result does not either. Building it is fine: it has its value, and
// its `Grad` reads 0. What throws is `Backward()` on it, with a message that says why (caught and printed here):

{
    // cell 6
    var a = new Scalar(2, requiresGrad: false);
    var b = a * 3;
    Console.WriteLine($"b = {b.Value}, b.Grad = {b.Grad}, b.RequiresGrad = {b.RequiresGrad}");
    try
    {
        b.Backward();
    }
    catch (InvalidOperationException e)
    {
        Console.WriteLine($"b.Backward() threw: {e.Message}");
    }
}

// ## 2 · A value used twice
//
// Take b = a + a with a = 3. Then b = 2a, so db/da = 2. Here is notebook 01's hand-written `Value`, `AddOp` and
// `MultiOp` again, in short (with a name for each node), with the post's recursive `Backward`: each input's gradient is
// **set** with `Grad(g)`, then the input continues backwards on its own.

// cell 8
var ha = new Value(3, "a");
var hb = new AddOp(ha, ha, "b");
hb.Grad(1);
hb.Backward();
Console.WriteLine($"hand-written: db/da = {ha.GradV}");

// It says 1, not 2. Both inputs of the `AddOp` are the same object: the first `Grad(1)` sets its gradient to 1, and the
// second sets it to 1 again instead of adding. Whenever a value feeds more than one operation (a weight used for every
// example in a batch, say) its gradient is the **sum** of what flows back along each use.
//
// Two changes fix it, and you can make both yourself:
//
// - every rule **adds** (`+=`) into its inputs' gradients instead of setting them;
// - the walk first puts the nodes in **topological order** (each node after everything it depends on), then visits them
//   in reverse, each exactly once, so a node has received everything from all its uses before it passes anything on.
//
// ### Your own engine
//
// Three small pieces, written beside the post's classes without changing them: `InputsOf(node)` (what a node was
// computed from; nothing for a leaf), `PropagateGrad(node)` (the local rules again, now adding), and
// `TopologicalOrder(root)`. That one uses no recursion: an explicit stack holds the path from the root down to the node
// being looked at. The node on top goes down into its first input not reached yet; once it has none left, all its
// inputs are already in the order, so it joins the order and leaves the stack. `BackwardInOrder` then starts every
// gradient from 0, seeds the root with 1, and walks the order backwards, the root first.

// cell 10
Value[] InputsOf(Value node) => node switch
{
    AddOp n => [n.X, n.Y],
    MultiOp n => [n.X, n.Y],
    _ => [],
};

// The local rules of notebook 01, but adding (+=) into the inputs' gradients instead of setting them.
void PropagateGrad(Value node)
{
    switch (node)
    {
        case AddOp n: n.X.GradV += n.GradV; n.Y.GradV += n.GradV; break;
        case MultiOp n: n.X.GradV += n.Y.Item * n.GradV; n.Y.GradV += n.X.Item * n.GradV; break;
    }
}

// Every node once, each after all of its inputs.
List<Value> TopologicalOrder(Value root)
{
    var order = new List<Value>();
    var reached = new HashSet<Value> { root };
    var path = new Stack<Value>();
    path.Push(root);
    while (path.Count > 0)
    {
        var next = InputsOf(path.Peek()).FirstOrDefault(input => !reached.Contains(input));
        if (next is not null)
        {
            reached.Add(next);
            path.Push(next);
        }
        else
        {
            order.Add(path.Pop());   // all its inputs are in the order already
        }
    }

    return order;
}

List<Value> BackwardInOrder(Value root)
{
    var order = TopologicalOrder(root);
    foreach (var node in order) node.GradV = 0;
    root.GradV = 1;
    for (int i = order.Count - 1; i >= 0; i--) PropagateGrad(order[i]);
    return order;
}

// Run it on the same b = a + a that went wrong above:

// cell 12
var visitedB = BackwardInOrder(hb);
Console.WriteLine($"your engine: db/da = {ha.GradV}; topological order {string.Join(", ", visitedB.Select(n => n.Name))}, walked from the end");

// The library's `Backward()` does the same two things (its walk is in [Engine.cs](../src/Autograd/Engine.cs)), and gives
// the same answer:

{
    // cell 14
    var a = new Scalar(3, label: "a");
    var b = new Add(a, a, "b");
    b.Backward();
    Console.WriteLine($"library: db/da = {a.Grad}");
    Notebook.Display(Notebook.Graph(b));

    // The recursive walk has a second problem: it walks a shared part of the graph once for every *path* that reaches it.
    // Below, each step doubles a value, v = v + v, twenty times: a graph of 21 nodes, whose right gradient is
    // 2²⁰ = 1,048,576. The cell runs the post's recursive `Backward` and counts its calls, then your engine and counts the
    // nodes it visits, then the library and counts how often an `Add` rule runs there. (For that last count the cell defines
    // the library's kind of `Add` once more, with a counter in its rule, using the public op API of section 6.)

    // cell 16
    Value hv = new Value(1);
    var hleaf = hv;
    for (int i = 0; i < 20; i++) hv = new CountingAdd(hv, hv);
    hv.Grad(1);
    hv.Backward();
    Console.WriteLine($"post's recursive Backward: {CountingAdd.Calls:N0} calls, d/dv = {hleaf.GradV:N0}");

    var visitedV = BackwardInOrder(hv);
    Console.WriteLine($"your engine: {visitedV.Count} nodes visited, d/dv = {hleaf.GradV:N0}");

    var v0 = new Scalar(1);
    Scalar v = v0;
    for (int i = 0; i < 20; i++) v = new CountedAdd(v, v);
    v.Backward();
    Console.WriteLine($"library: {CountedAdd.RuleCalls} rule calls, one per Add (the leaf has no rule), d/dv = {v0.Grad:N0}");

    // ### The visit order, drawn
    //
    // Now a graph where order matters more: c = (a + a) · a, where a reaches c along three paths (twice through a + a, once directly), so
    // c = 2a² and dc/da = 4a = 12 at a = 3. The cell runs the post's recursive `Backward` on it, then your engine, and
    // prints the order in which your engine visits the nodes going backwards.
    //
    // To see that order on a picture, the cell copies your graph into library nodes of the same shape. It builds them in
    // your topological order, which is exactly the order in which a graph *can* be built (every node's inputs already
    // exist), and labels each with its name and its place in the backward walk. In the picture, follow the visits from the
    // result on the right to a on the left: a comes last, after both of its uses have added into it.

    // cell 18
    var ca = new Value(3, "a");
    var cb = new AddOp(ca, ca, "b");
    var cc = new MultiOp(cb, ca, "c");
    cc.Grad(1);
    cc.Backward();
    Console.WriteLine($"post's recursive Backward: dc/da = {ca.GradV}");

    var backwardWalk = BackwardInOrder(cc);
    backwardWalk.Reverse();   // the result first, as the walk visits them
    Console.WriteLine($"your engine: dc/da = {ca.GradV}; visit order {string.Join(", ", backwardWalk.Select(n => n.Name))}");

    // The same graph with the library's nodes, built in topological order, labelled with each node's visit number.
    var twin = new Dictionary<Value, Scalar>();
    foreach (var node in TopologicalOrder(cc))
    {
        twin[node] = node switch
        {
            AddOp n => new Add(twin[n.X], twin[n.Y]),
            MultiOp n => new Mul(twin[n.X], twin[n.Y]),
            _ => new Scalar(node.Item),
        };
        twin[node].Label = $"{node.Name}, visit {backwardWalk.IndexOf(node) + 1}";
    }

    twin[cc].Backward();
    Console.WriteLine($"library: dc/da = {twin[ca].Grad}");
    Notebook.Display(Notebook.Graph(twin[cc]));

    // **Exercise 1 (predict, then run).** In the cell below the graph is b = a + a + a, built by `build` from two
    // `AddOp`s. Before you run it and the check after it, write down two numbers: the db/da that the post's recursive
    // `Backward` will report, and the one your engine will report. Then change `build` (to a + a + a + a, or to
    // (a + a) · (a + a) with a `MultiOp`), predict both again, and run both cells again.

    // cell 20
    Func<Value, Value> build = a => new AddOp(new AddOp(a, a), a);

    var ea = new Value(3, "a");
    var eb = build(ea);
    eb.Grad(1);
    eb.Backward();
    double recursiveAnswer = ea.GradV;
    BackwardInOrder(eb);
    double engineAnswer = ea.GradV;
    Console.WriteLine($"b = {eb.Item}; recursive: db/da = {recursiveAnswer}; your engine: db/da = {engineAnswer}");

    // cell 21
    // Check: measure db/da by nudging a (as in notebook 01), and compare both answers with it.
    double nudge = 1e-6;
    double measured = (build(new Value(3 + nudge)).Item - build(new Value(3 - nudge)).Item) / (2 * nudge);
    string Verdict(double answer) => Math.Abs(answer - measured) < 1e-4 ? "right" : "wrong";
    Console.WriteLine($"measured by nudging a: db/da ≈ {measured:G6}");
    Console.WriteLine($"your engine said {engineAnswer} ({Verdict(engineAnswer)}), the recursive Backward said {recursiveAnswer} ({Verdict(recursiveAnswer)})");
    Console.WriteLine("As predicted if you wrote down these two numbers.");

    // ## 3 · Gradients accumulate
    //
    // Because rules add into gradients, a leaf's gradient also *accumulates across passes*, exactly as in PyTorch: run
    // `Backward()` twice and the leaves hold twice the gradient. That is deliberate (it lets you sum gradients over several
    // batches before a step), and it is why a training loop clears them with `ZeroGrad()` before each pass. Interior nodes
    // start every pass from zero, so their gradients always show the latest pass.

    // cell 23
    var p = new Scalar(1.5, label: "p");
    var r = new Scalar(-2, label: "r");
    var m = p * r;
    m.Backward();
    Console.WriteLine($"after one pass:  dp = {p.Grad}, dr = {r.Grad}, dm = {m.Grad}");
    m.Backward();
    Console.WriteLine($"after two passes: dp = {p.Grad}, dr = {r.Grad}, dm = {m.Grad}");
    m.ZeroGrad();
    Console.WriteLine($"after ZeroGrad:  dp = {p.Grad}, dr = {r.Grad}, dm = {m.Grad}");

    // ## 4 · Tanh, Exp and one neuron
    //
    // Each operation carries its own local derivative:
    //
    // - tanh′(x) = 1 − tanh²(x), written with the node's own output value;
    // - exp′(x) = eˣ, the node's own output again.
    //
    // At x = 0.5: tanh(0.5) = 0.462117 and its slope 1 − 0.462117² = 0.786448; e^0.5 = 1.64872, which is also its slope.

    // cell 25
    var t = new Scalar(0.5);
    var th = t.Tanh();
    th.Backward();
    var e = new Scalar(0.5);
    var ex = e.Exp();
    ex.Backward();
    Console.WriteLine($"tanh(0.5) = {th.Value:G6}, slope {t.Grad:G6}");
    Console.WriteLine($"exp(0.5)  = {ex.Value:G6}, slope {e.Grad:G6}");

    // A neuron weighs its inputs, adds a bias and squashes the sum: o = tanh(x₁w₁ + x₂w₂ + b). With x₁ = 2, x₂ = 0,
    // w₁ = -3 and w₂ = 1, the weighted inputs add up to -6. The bias b = 6.8813735870195432 is chosen to make the sum
    // ln(1 + √2) = 0.881374, the number whose tanh is exactly 1/√2 = 0.707107. Then o² = ½, so tanh's slope there is
    // do/d(sum) = 1 − o² = 0.5, a round number to follow through the chain rule: dw₁ = x₁ · 0.5 = 1,
    // dx₁ = w₁ · 0.5 = -1.5, dx₂ = w₂ · 0.5 = 0.5 and dw₂ = x₂ · 0.5 = 0 (an input of 0 teaches its weight nothing).

    // cell 27
    var x1 = new Scalar(2, label: "x1");
    var x2 = new Scalar(0, label: "x2");
    var w1 = new Scalar(-3, label: "w1");
    var w2 = new Scalar(1, label: "w2");
    var bias = new Scalar(6.8813735870195432, label: "b");
    var sum = new Add(new Add(x1 * w1, x2 * w2), bias, "sum");
    var o = sum.Tanh();
    o.Label = "o";
    o.Backward();
    Console.WriteLine($"sum = {sum.Value:G6} (ln(1 + √2) = {Math.Log(1 + Math.Sqrt(2)):G6}); o = {o.Value:G6} (1/√2 = {1 / Math.Sqrt(2):G6}); slope 1 − o² = {1 - (o.Value * o.Value):G6}");
    Console.WriteLine($"dx1 = {x1.Grad:G6}, dw1 = {w1.Grad:G6}, dx2 = {x2.Grad:G6}, dw2 = {w2.Grad:G6}, db = {bias.Grad:G6}");
    Notebook.Display(Notebook.Graph(o));

    // ## 5 · Checking gradients against finite differences
    //
    // A derivative is a slope, and a slope can be measured without any calculus: (f(x + h) − f(x − h)) / 2h for a small h.
    // [`GradCheck`](../src/Autograd/GradCheck.cs) does that for every input and compares with what `Backward()` computed.
    // Agreement to 1e-9 or better is what rounding allows; a wrong rule would be off by far more.

    // cell 29
    // The neuron of section 4, with its inputs in this order: x1, w1, x2, w2, b.
    Func<Scalar[], Scalar> neuron = v => ((v[0] * v[1]) + (v[2] * v[3]) + v[4]).Tanh();
    double[] point = [2, -3, 0, 1, 6.8813735870195432];
    using (NoGrad.Scope())   // inside it operations record no graph: just the value, for printing
    {
        Console.WriteLine($"the function checked: o = {neuron(point.Select(p => new Scalar(p)).ToArray()).Value:G6}, the neuron's output above");
    }

    var check = GradCheck.Check(neuron, point);
    Console.WriteLine(check);

    // The worst error is at input 1 (w₁, whose gradient is 1 by both methods), and it is rounding noise, far below any
    // tolerance a wrong rule could slip under:

    // cell 31
    Console.WriteLine($"passed at 1e-6: {check.Passed(1e-6)}");

    // And a picture of what a derivative is: tanh over [-3, 3], with the slope autograd computes at each point. The slope
    // is largest (1) where tanh crosses 0 and vanishes where tanh flattens out: that is why a saturated tanh neuron learns
    // slowly.

    // cell 33
    var xs = Enumerable.Range(0, 61).Select(i => -3 + (0.1 * i)).ToArray();
    var values = new double[xs.Length];
    var slopes = new double[xs.Length];
    for (int i = 0; i < xs.Length; i++)
    {
        var input = new Scalar(xs[i]);
        var output = input.Tanh();
        output.Backward();
        (values[i], slopes[i]) = (output.Value, input.Grad);
    }

    Notebook.Display(Charts.Line(
        [new Series("tanh(x)", xs, values), new Series("d/dx tanh(x), from Backward()", xs, slopes)],
        title: "tanh and its derivative", xTitle: "x"));

    // ### More to try
    //
    // - In section 1, build the graph with x requiring grad, then set `x.RequiresGrad = false;` *before* `f.Backward()`.
    //   What happens to x's gradient, and to the others? What happens if you try it on `q` instead?
    // - In the cell below, replace `Tanh()` with `Sigmoid()`, `Exp()` or `Relu()`: what is each slope at x = 0? Which of
    //   them would you expect to pass gradient back best through many layers?
    // - In section 3, leave out `m.ZeroGrad()` and run the cell several times: what do the gradients do?

    // cell 35
    // Try it: swap Tanh() for Sigmoid(), Exp() or Relu(), and watch the slope at x = 0.
    var s = new Scalar(0.0);
    var sOut = s.Tanh();
    sOut.Backward();
    Console.WriteLine($"value {sOut.Value:G6}, slope {s.Grad:G6}");

    // **Exercise 2 (predict, then run).** Saturate the neuron of section 4. In the cell below, change `satBias` from
    // 6.8813735870195432 to 10. Before you run it and its check, write down o, and whether dw₁ gets bigger, smaller or
    // close to 0. (The sum becomes 4. The chart of tanh's slope above stops at 3: how flat is tanh there already?)
    // Then try -10.

    // cell 37
    double satBias = 6.8813735870195432;

    var sx1 = new Scalar(2);
    var sw1 = new Scalar(-3);
    var sx2 = new Scalar(0);
    var sw2 = new Scalar(1);
    var sb = new Scalar(satBias);
    var so = ((sx1 * sw1) + (sx2 * sw2) + sb).Tanh();
    so.Backward();
    Console.WriteLine($"bias {satBias:G6}: o = {so.Value:G6}, dw1 = {sw1.Grad:G6}, db = {sb.Grad:G6}");

    // cell 38
    // Check: every gradient below tanh is scaled by its slope 1 − o².
    double slope = 1 - (so.Value * so.Value);
    Console.WriteLine($"tanh's slope 1 − o² = {slope:G6}; db = {sb.Grad:G6} is that slope, dw1 = x1 · slope = {sw1.Grad:G6}");
    Console.WriteLine(slope < 0.01
        ? "Saturated: o is almost ±1, so the slope and every gradient through it nearly vanish. As predicted if you said dw1 is close to 0."
        : $"Not saturated: the gradients are {slope:G6} times what they would be without tanh. As predicted if you said dw1 = {sw1.Grad:G6}.");

    // ## 6 · An operation of your own
    //
    // The library's operations are written with the same public API you can use. An operation is a class deriving from
    // `Scalar`: its constructor computes the value and passes it, with the inputs, to the base constructor; its override of
    // `PropagateGrad()` is the local rule, which adds this node's `Grad` times the local derivative into each input with
    // `AccumulateGrad(input, amount)` (an input that does not require grad receives nothing). The engine calls the rule
    // once per backward pass, when `Grad` is complete. Here is sin, whose slope is cos; the library's
    // [Ops/Tanh.cs](../src/Autograd/Ops/Tanh.cs) has the same shape, and
    // [the extending tests](../tests/Autograd.Extending.Tests/Ops.cs) have more examples. It draws and checks like any
    // other node, with its class name as its op.

    // cell 40
    var u = new Scalar(0.5, label: "u");
    var wave = new Sin(u) * 2;
    wave.Label = "wave";
    wave.Backward();
    Console.WriteLine($"2·sin(0.5) = {wave.Value:G6}; d/du = {u.Grad:G6}, and 2·cos(0.5) = {2 * Math.Cos(0.5):G6}");

    var sinCheck = GradCheck.Check(v => new Sin(v[0]) * v[1], 0.5, 2);
    Console.WriteLine($"GradCheck of sin(v0) · v1 at (0.5, 2): passed at 1e-6: {sinCheck.Passed(1e-6)}");
    Notebook.Display(Notebook.Graph(wave));

    // **Exercise 3 (predict, then run).** A wrong rule still compiles and runs: nothing in C# knows that sin's slope is
    // cos. `BrokenSin` below has its rule broken on purpose, with sin x where cos x belongs. Before you run the check,
    // predict: will `GradCheck` pass? Which input will it name, and what two numbers will it compare there? Then try other
    // rules and predict each time: the right one (`Math.Cos`); forgetting `* Grad` (the check multiplies the sin by v1, so `Grad` is
    // not 1 there: would it still pass if the sin were the last node, `GradCheck.Check(v => new BrokenSin(v[0]), 0.5)`?); a minus sign in front.

    // cell 42 declares BrokenSin, at the end of the file

    // cell 43
    // Check: GradCheck compares BrokenSin's rule with finite differences, in the same function as Sin above.
    var brokenCheck = GradCheck.Check(v => new BrokenSin(v[0]) * v[1], 0.5, 2);
    Console.WriteLine(brokenCheck);
    Console.WriteLine(brokenCheck.Passed(1e-6)
        ? "Passed: this rule agrees with finite differences. As predicted if you wrote a right rule."
        : $"Failed: GradCheck caught the wrong rule at {brokenCheck.Where}. As predicted if you said it would fail.");
}

// ## Summary
//
// - `RequiresGrad = false` freezes a leaf: it receives no gradient, and nothing else changes. `Backward()` on a result
//   that nothing requires grad for throws, and says why.
// - A value used more than once receives the **sum** of the gradients of its uses. Your engine and the library get this
//   right by adding into gradients and visiting each node once, in reverse topological order, found with an explicit
//   stack; the recursive walk does neither, and on shared graphs it also repeats work once per path.
// - Leaf gradients accumulate across passes, as in PyTorch; `ZeroGrad()` clears them.
// - An operation of your own is a class deriving from `Scalar`, with its value in the constructor and its local rule in
//   `PropagateGrad()`, exactly as the library writes its own.
// - `GradCheck` compares every gradient with a finite difference: the test that a new operation's rule is right, and
//   that catches one that is wrong.
//
// **Source files used here:** [Engine.cs](../src/Autograd/Engine.cs) (topological order and the backward pass),
// [Scalar.cs](../src/Autograd/Scalar.cs), [Ops/Tanh.cs](../src/Autograd/Ops/Tanh.cs),
// [Ops/Exp.cs](../src/Autograd/Ops/Exp.cs), [GradCheck.cs](../src/Autograd/GradCheck.cs),
// [Ops.cs in the extending tests](../tests/Autograd.Extending.Tests/Ops.cs) (operations written outside the library).
//
// **Previous:** [01 · A computation graph of single numbers](01-scalar-graph.ipynb).
// **Next:** [03 · Flat tensors: a matrix as one array](03-flat-tensors.ipynb): the same ideas on whole matrices, stored
// as one row-major array.

// The types the cells declare: a program declares them after its top-level statements.

// cell 8
class Value
{
    public double Item, GradV;
    public string Name;
    public Value(double item, string name = "") { Item = item; Name = name; }
    public void Grad(double g) => GradV = g;
    public virtual void Backward() { }
}

// cell 8
class AddOp : Value
{
    public Value X, Y;
    public AddOp(Value x, Value y, string name = "") : base(x.Item + y.Item, name) { X = x; Y = y; }
    public override void Backward()
    {
        X.Grad(GradV); X.Backward();
        Y.Grad(GradV); Y.Backward();
    }
}

// cell 8
class MultiOp : Value
{
    public Value X, Y;
    public MultiOp(Value x, Value y, string name = "") : base(x.Item * y.Item, name) { X = x; Y = y; }
    public override void Backward()
    {
        X.Grad(Y.Item * GradV); X.Backward();
        Y.Grad(X.Item * GradV); Y.Backward();
    }
}

// cell 16
class CountingAdd : AddOp
{
    public static int Calls;
    public CountingAdd(Value x, Value y) : base(x, y) { }
    public override void Backward() { Calls++; base.Backward(); }
}

// cell 16
sealed class CountedAdd : Scalar
{
    public static int RuleCalls;
    public CountedAdd(Scalar x, Scalar y) : base(x.Value + y.Value, x, y) { }
    protected override void PropagateGrad()
    {
        RuleCalls++;
        AccumulateGrad(Inputs[0], Grad);
        AccumulateGrad(Inputs[1], Grad);
    }
}

// cell 40
sealed class Sin : Scalar
{
    public Sin(Scalar x) : base(Math.Sin(x.Value), x) { }

    // d(sin x)/dx = cos x
    protected override void PropagateGrad() => AccumulateGrad(Inputs[0], Math.Cos(Inputs[0].Value) * Grad);
}

// cell 42
sealed class BrokenSin : Scalar
{
    public BrokenSin(Scalar x) : base(Math.Sin(x.Value), x) { }

    // Wrong on purpose: the slope of sin x is cos x, not sin x.
    protected override void PropagateGrad() => AccumulateGrad(Inputs[0], Math.Sin(Inputs[0].Value) * Grad);
}
