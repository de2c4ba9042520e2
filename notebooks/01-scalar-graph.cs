// 01-scalar-graph.cs: the notebook 01-scalar-graph.ipynb as a program. Run it from the repository root with
// `dotnet run notebooks/01-scalar-graph.cs`. Written by `dotnet run --project src/Autograd.Notebooks -- update`
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
Notebook.SetupApp("../artifacts/pictures/01-scalar-graph");

// # 01 · A computation graph of single numbers
//
// Autograd is the part of PyTorch (and of this library) that computes derivatives for you. It does it by remembering
// how every result was computed, as a **graph**: numbers you start from are *leaves*, and every operation adds a node that
// knows its inputs and its own small derivative rule. Walking that graph backwards, from the result to the leaves, and
// applying the **chain rule** at each node, gives the derivative of the result with respect to every leaf.
//
// In this notebook you will:
//
// 1. see what a gradient *means*, by nudging an input and watching the result move, and take one step downhill with it;
// 2. write the two operation nodes of the JavaScript post this series follows (Stephen Oni's *A Brief Intro to
//    Autograd in JavaScript*, after Andrej Karpathy's recurrentjs), `add` and `multi`, in a few lines of C#,
//    with the post's recursive `backward`;
// 3. use them on **f = (x + y) · z** with x = -2, y = 5, z = -4, and get f = -12 and the gradients
//    ∂f/∂x = -4, ∂f/∂y = -4, ∂f/∂z = 3;
// 4. do the same with the library's `Scalar`, `Add` and `Mul`, and look at the graph before and after `Backward()`;
// 5. work the chain rule by hand and check it against the library.
//
// **Before you start:** build the library once from the repository root (`dotnet build`), and restart the kernel
// whenever you rebuild it: a running kernel keeps the old DLL loaded.

// The first cell loads the library and its notebook integration (paths are relative to this `notebooks/` folder),
// imports their namespaces, runs one setup call, which registers how values, graphs and charts are displayed, and seeds
// the library's random generator so that anything random repeats exactly. Every notebook in the series starts with this
// same cell.

// cell 3
Notebook.Setup();
Rng.Seed(0);

// ## 1 · What a gradient means
//
// Start with no graph at all: f(x, y, z) = (x + y) · z as plain C# arithmetic, at x = -2, y = 5, z = -4.
// The gradient ∂f/∂x answers one question: if x moves a little, by h, how much does f move? About ∂f/∂x · h.
// So (f(x + h) − f(x)) / h, for a small h, *measures* the gradient. The cell nudges each input by h = 0.001 in turn,
// keeping the other two where they were.

// cell 5
double F(double x, double y, double z) => (x + y) * z;

double h = 0.001;
double f0 = F(-2, 5, -4);
double moveX = F(-2 + h, 5, -4) - f0, moveY = F(-2, 5 + h, -4) - f0, moveZ = F(-2, 5, -4 + h) - f0;
double slopeX = moveX / h, slopeY = moveY / h, slopeZ = moveZ / h;
Console.WriteLine($"f = {f0}");
Console.WriteLine($"x + h: f moves by {moveX:G6}, so df/dx ≈ {slopeX:G6}");
Console.WriteLine($"y + h: f moves by {moveY:G6}, so df/dy ≈ {slopeY:G6}");
Console.WriteLine($"z + h: f moves by {moveZ:G6}, so df/dz ≈ {slopeZ:G6}");

// Moving x up by 0.001 moved f *down* by 0.004: ∂f/∂x ≈ -4, and the same for y; moving z up moved f up by 0.003:
// ∂f/∂z ≈ 3. The sign says which way is downhill. To make f smaller, move each input a little **against** its
// gradient, x ← x − η · ∂f/∂x, with a small step size η (the *learning rate*). That one line, repeated, is what training
// does; everything else in this series is about getting the gradients.

// cell 7
double lr = 0.01;
double sx = -2 - (lr * slopeX), sy = 5 - (lr * slopeY), sz = -4 - (lr * slopeZ);
double f1 = F(sx, sy, sz);
Console.WriteLine($"one step against the gradient: x = {sx:G6}, y = {sy:G6}, z = {sz:G6}");
Console.WriteLine($"f went from {f0:G6} to {f1:G6}: {(f1 < f0 ? "lower" : "not lower")}");

// Measuring a gradient this way costs one more evaluation of f per input, and a network has thousands or millions of
// inputs. Autograd gets *every* gradient from one backward pass through the graph instead. The rest of this notebook
// builds that pass, first by hand and then with the library, and its answers should match the slopes measured here.

// ## 2 · The post's objects, by hand
//
// A node of the graph holds a number (`Item`), whether gradient should flow into it (`RequireGrad`), and the gradient
// that has reached it so far (`GradV`). The post's `grad(g)` method *sets* that gradient. A plain value (a leaf) has
// nothing to pass back to, so its `Backward` does nothing.

// cell 10 declares Value, at the end of the file

// An operation is a node too: it computes its value from its inputs when it is built, and its `Backward` sends its own
// gradient to each input, multiplied by the **local derivative** of the operation with respect to that input, then asks
// that input to continue. For `x + y` both local derivatives are 1; for `x · y` the derivative with respect to `x` is
// `y` and with respect to `y` it is `x`.

// cell 12 declares AddOp, MultiOp, at the end of the file

// To see what a graph is made of, the post prints the object. This small helper does the same, one node per line,
// indenting the inputs under the operation that uses them.

// cell 14
string Show(Value v, string indent = "")
{
    var line = $"{indent}{v.Name} item={v.Item} grad={v.GradV}\n";
    return v switch
    {
        AddOp a => line + Show(a.X, indent + "    ") + Show(a.Y, indent + "    "),
        MultiOp m => line + Show(m.X, indent + "    ") + Show(m.Y, indent + "    "),
        _ => line,
    };
}

// Now the example: q = x + y and f = q · z. Building the nodes computes the forward values at once, so `f.Item` is
// already -12. Every gradient is still 0: nothing has flowed back yet.

{
    // cell 16
    var x = new Value(-2);
    var y = new Value(5);
    var z = new Value(-4);
    var q = new AddOp(x, y);
    var f = new MultiOp(q, z);
    Console.Write(Show(f));

    // Backpropagation starts at the result with ∂f/∂f = 1, then each `Backward` hands the gradient down. The values to
    // expect: ∂f/∂q = z = -4, ∂f/∂z = q = 3, and since `Add` passes its gradient through, ∂f/∂x = ∂f/∂y = -4.

    // cell 18
    f.Grad(1);
    f.Backward();
    Console.Write(Show(f));
    Console.WriteLine($"dx = {x.GradV}, dy = {y.GradV}, dz = {z.GradV}");

    // The same three numbers as the nudges of section 1 measured: -4, -4 and 3.

    // **Exercise 1 (predict, then run).** The JavaScript post's own experiment: build x with `requireGrad: false`, so the
    // hand-written `Backward` skips it. Before you run the next two cells, write down x's gradient after the backward pass,
    // and whether y's and z's gradients change. Then flip `false` to `true`, predict again, and run both cells again.

    // cell 21
    var fx = new Value(-2, requireGrad: false);
    var fy = new Value(5);
    var fz = new Value(-4);
    var ff = new MultiOp(new AddOp(fx, fy), fz);
    ff.Grad(1);
    ff.Backward();
    Console.Write(Show(ff));

    // cell 22
    // Check: what reached x, and did anything else change?
    Console.WriteLine(fx.RequireGrad
        ? $"x requires grad and received dx = {fx.GradV}, as x did in section 2 ({x.GradV}): as predicted if you said {x.GradV}"
        : $"x is frozen and its gradient stayed {fx.GradV}: as predicted if you said 0");
    bool othersSame = fy.GradV == y.GradV && fz.GradV == z.GradV;
    Console.WriteLine($"dy = {fy.GradV}, dz = {fz.GradV}: {(othersSame ? "unchanged" : "changed")} from section 2");
}

// A frozen input still *contributes its value* to f (q is still 3, f still -12); it only stops gradient from flowing
// into it. That is how a network keeps some numbers fixed while it trains the others (notebook 02 does it with the
// library).

// ## 3 · The same graph with the library
//
// The library's [`Scalar`](../src/Autograd/Scalar.cs) is the post's value node, and [`Add`](../src/Autograd/Add.cs) and
// [`Mul`](../src/Autograd/Mul.cs) are its two operations, as real classes you can open. A `label` names a node in
// printouts and pictures. (The first cell already imported the library's namespace, `Autograd`.) Displaying a `Scalar`
// shows its value, its gradient and the operation that made it.
//
// The library's names differ a little from the post's: `Item` is `Value`, `GradV` is `Grad` (a property that
// holds the gradient; nothing sets it by hand), `RequireGrad` is `RequiresGrad`, and `Backward()` is called once, on
// the result.

{
    // cell 25
    var x = new Scalar(-2, label: "x");
    var y = new Scalar(5, label: "y");
    var z = new Scalar(-4, label: "z");
    var q = new Add(x, y, "q");
    var f = new Mul(q, z, "f");
    Notebook.Display(f);

    // The library can draw any result's graph. Values are boxes (name, value, gradient), operations are the small ovals
    // between them, inputs on the left and the result on the right. Before `Backward()` every gradient is 0.

    // cell 27
    Notebook.Display(Notebook.Graph(f));

    // `Backward()` seeds the result's gradient with 1 and visits every node once, from the result back to the leaves,
    // applying each node's rule. The picture now carries the same gradients as the hand-written version.

    // cell 29
    f.Backward();
    Notebook.Display(Notebook.Graph(f));

    // ## 4 · The chain rule, by hand
    //
    // Nothing magic happened. f = q · z and q = x + y, so:
    //
    // - ∂f/∂z = q = 3 and ∂f/∂q = z = -4 (the local rule of `Mul`);
    // - ∂q/∂x = ∂q/∂y = 1 (the local rule of `Add`);
    // - the chain rule multiplies along the path: ∂f/∂x = ∂f/∂q · ∂q/∂x = -4 · 1 = -4, and the same for y.
    //
    // The cell below computes those products from the forward values alone and sets them beside the library's answers and
    // the slopes measured by nudging in section 1.

    // cell 31
    double dfdq = z.Value, dfdz = q.Value, dqdx = 1, dqdy = 1;
    Console.WriteLine($"df/dx: by hand {dfdq * dqdx}, library {x.Grad}, measured {slopeX:G6}");
    Console.WriteLine($"df/dy: by hand {dfdq * dqdy}, library {y.Grad}, measured {slopeY:G6}");
    Console.WriteLine($"df/dz: by hand {dfdz}, library {z.Grad}, measured {slopeZ:G6}");
    Console.WriteLine($"df/dq: by hand {dfdq}, library {q.Grad}");

    // The graph can also be printed as text, like the object the JavaScript post prints. Each node gets a number, so a node
    // used twice would be recognisable (notebook 02 is about exactly that).

    // cell 33
    Console.Write(f.ToTree());
}

// ### Try it
//
// One more prediction, with the library this time.

// **Exercise 2 (predict, then run).** In the cell below, change x from -2 to 3. Before you run it, write down f,
// ∂f/∂x, ∂f/∂y and ∂f/∂z. (Which of them depend on x at all?) Then run it and the check after it. Afterwards try
// `z = 0`: predict which gradients become 0, and why.

// cell 36
var tx = new Scalar(-2, label: "x");
var ty = new Scalar(5, label: "y");
var tz = new Scalar(-4, label: "z");
var tf = new Mul(new Add(tx, ty, "q"), tz, "f");
tf.Backward();
Console.WriteLine($"f = {tf.Value}; dx = {tx.Grad}, dy = {ty.Grad}, dz = {tz.Grad}");

// cell 37
// Check: the chain rule says df/dx = df/dy = z (whatever x is) and df/dz = q = x + y.
bool agrees = tx.Grad == tz.Value && ty.Grad == tz.Value && tz.Grad == tx.Value + ty.Value;
Console.WriteLine($"f = (x + y) · z = {(tx.Value + ty.Value) * tz.Value}; dx = dy = z = {tz.Value}; dz = x + y = {tx.Value + ty.Value}");
Console.WriteLine(agrees
    ? "The library agrees with the chain rule: as predicted if you wrote these numbers down."
    : "The library and the chain rule disagree: something is wrong.");

// ## Summary
//
// - A gradient is a sensitivity: nudging x by a small h moves f by about ∂f/∂x · h, and a small step against the
//   gradient lowers f.
// - A computation graph remembers how a result was computed: leaves are the numbers you start from; each operation is a
//   node that knows its inputs and its local derivative.
// - Backpropagation starts at the result with gradient 1 and applies the chain rule node by node, from the result back to
//   the leaves, and gets every gradient in one pass instead of one nudge per input.
// - A leaf that does not require grad still gives its value, but receives no gradient.
// - The library's `Scalar`, `Add` and `Mul` do what the hand-written objects do, and draw the graph for you.
//
// **Source files used here:** [Scalar.cs](../src/Autograd/Scalar.cs), [Add.cs](../src/Autograd/Add.cs),
// [Mul.cs](../src/Autograd/Mul.cs), [Engine.cs](../src/Autograd/Engine.cs) (the backward walk),
// [Pictures/](../src/Autograd/Pictures) (the graph drawing).
//
// **Next:** [02 · requiresGrad and reuse](02-requires-grad-and-reuse.ipynb): freezing an input with the library, and the
// case where the hand-written `Backward` above gives the wrong answer.

// The types the cells declare: a program declares them after its top-level statements.

// cell 10
// A leaf of the graph: a number, whether gradient flows into it, and the gradient collected so far.
class Value
{
    public double Item;
    public bool RequireGrad;
    public double GradV;
    public string Name = "<Value>";

    public Value(double item, bool requireGrad = true) { Item = item; RequireGrad = requireGrad; }

    // The post's grad(g): it sets the gradient flowing into this node (notebook 02 shows why that is a bug).
    public void Grad(double g) => GradV = g;

    // A leaf has no inputs to send gradient to; operations override this.
    public virtual void Backward() { }
}

// cell 12
class AddOp : Value
{
    public Value X, Y;
    public AddOp(Value x, Value y) : base(x.Item + y.Item) { X = x; Y = y; Name = "<Add>"; }

    public override void Backward()
    {
        // d(x + y)/dx = 1 and d(x + y)/dy = 1: the gradient passes through unchanged.
        if (X.RequireGrad) { X.Grad(1 * GradV); X.Backward(); }
        if (Y.RequireGrad) { Y.Grad(1 * GradV); Y.Backward(); }
    }
}

// cell 12
class MultiOp : Value
{
    public Value X, Y;
    public MultiOp(Value x, Value y) : base(x.Item * y.Item) { X = x; Y = y; Name = "<Multi>"; }

    public override void Backward()
    {
        // d(x·y)/dx = y and d(x·y)/dy = x: each input gets the other input's value times the gradient.
        if (X.RequireGrad) { X.Grad(Y.Item * GradV); X.Backward(); }
        if (Y.RequireGrad) { Y.Grad(X.Item * GradV); Y.Backward(); }
    }
}
