// 06-handwritten-digits.cs: the notebook 06-handwritten-digits.ipynb as a program. Run it from the repository root with
// `dotnet run notebooks/06-handwritten-digits.cs`. Written by `dotnet run --project src/Autograd.Notebooks -- update`
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
using System.IO;
using System.Text;

// Without a kernel: values the notebook shows print as text, and pictures are written as SVG files.
Notebook.SetupApp("../artifacts/pictures/06-handwritten-digits");

// # 06 · Handwritten digits
//
// Time for real data. The UCI *optdigits* set holds handwritten digits from 43 people, scanned and reduced to 8×8 grids
// of ink counts from 0 to 16: 3,823 digits for training (`optdigits.tra`) and 1,797 for testing (`optdigits.tes`),
// written by *different* people. ([notebooks/data/optdigits/README.md](data/optdigits/README.md) has the licence and the
// citation.) In this notebook you will:
//
// 1. load the digits and look at them;
// 2. hold back part of the training file as a **validation** set, used to choose settings, so that the test file is
//    looked at only once, at the end;
// 3. compare `SGD` and `Adam` as loss curves;
// 4. train the chosen network on the whole training file and report the **test accuracy once**;
// 5. see which digits it confuses (a confusion matrix) and look at the ones it gets wrong;
// 6. ask autograd what the network looks at: its first-layer weights as pictures, and ∂loss/∂input for a few digits;
// 7. save the model in a file PyTorch can load, and load it back.

// cell 2
Notebook.Setup();
Rng.Seed(0);

// cell 3

// ## 1 · The data
//
// [`Datasets.LoadOptdigits`](../src/Autograd/Data/Datasets.Optdigits.cs) reads a file into a tensor with one digit per
// row, 64 pixels scaled to 0..1, and an array of labels. Here are the first 30 training digits with their labels:

// cell 5
var (trainX, trainY) = Datasets.LoadOptdigits("data/optdigits/optdigits.tra");
var (testX, testY) = Datasets.LoadOptdigits("data/optdigits/optdigits.tes");
Console.WriteLine($"training file: {trainX.Rows} digits of {trainX.Cols} pixels; test file: {testX.Rows} digits");
Notebook.Display(Charts.DigitGrid(trainX, trainY, max: 30));

// ## 2 · A validation split
//
// Every choice made by looking at a score (the learning rate, the number of epochs, the optimizer) fits the model a
// little to the data that score was measured on. So the choices are made on a **validation** set, 20% of the training
// file held back at random, and the test file stays untouched until the end: its accuracy is then an honest estimate
// of how the model does on new writers.

// cell 7
var (fit, validation) = Datasets.Split(trainX, trainY, 0.2, seed: 0);
Console.WriteLine($"fit on {fit.X.Rows} digits, validate on {validation.X.Rows}");

// Two preparations help this network. **Standardising** each pixel (subtract its mean, divide by its spread, both
// measured on the training data only) puts all 64 inputs on the same scale: `Standardiser.Fit(x)` measures them, and its
// `Apply` computes `(x - mean) * scale`. **Shifted copies** of every training digit, moved by one pixel up, down, left and right
// (`Datasets.WithShiftedCopies`), teach that a digit moved a little is still the same digit, which matters because the
// test digits come from other writers. Both are standard for small images (try the network without them: the end of
// the notebook says how). Both are a few plain loops: [Data/Standardiser.cs](../src/Autograd/Data/Standardiser.cs),
// [Data/Datasets.ShiftedCopies.cs](../src/Autograd/Data/Datasets.ShiftedCopies.cs).

// One function trains a 64-*hidden*-10 ReLU network with mini-batches of 64 shuffled digits, one epoch being one pass
// over the data, and records the mean training loss of each epoch and, for each layer, the mean size (Euclidean
// norm) of the gradient of its weights: how hard `Backward()` is pushing on that layer. It can also finish with a few epochs at a tenth of
// the learning rate, a common way to settle into a minimum. Another function measures accuracy. As in notebook 05, each step runs
// inside `Tensor.Scope()`, so the step's activations and gradients give their memory to the next step.

// cell 10
(Sequential Model, List<double> Losses, List<(double First, double Second)> GradNorms) Train(
    Tensor x, int[] y, Func<IEnumerable<Tensor>, Optimizer> makeOptimizer, int epochs, int hidden = 256, int slowEpochs = 0)
{
    Rng.Seed(1);
    var model = new Sequential(new Linear(64, hidden), new ReLU(), new Linear(hidden, 10));
    var optimizer = makeOptimizer(model.Parameters());
    var crossEntropy = new CrossEntropyLoss();
    var order = new Random(3);
    var losses = new List<double>();
    var gradNorms = new List<(double First, double Second)>();
    double Norm(Tensor weight) => Math.Sqrt(weight.Grad.Sum(g => g * g));
    for (int epoch = 0; epoch < epochs + slowEpochs; epoch++)
    {
        if (epoch == epochs) optimizer.LearningRate /= 10;
        double total = 0, first = 0, second = 0;
        int batches = 0;
        foreach (var (xb, yb) in Batches.Shuffled(x, y, 64, order))
        {
            using var stepScope = Tensor.Scope();
            optimizer.ZeroGrad();
            var loss = crossEntropy.Forward(model.Forward(xb), yb);
            loss.Backward();
            first += Norm(((Linear)model[0]).Weight);
            second += Norm(((Linear)model[2]).Weight);
            optimizer.Step();
            total += loss.Item();
            batches++;
        }
        losses.Add(total / batches);
        gradNorms.Add((first / batches, second / batches));
    }
    return (model, losses, gradNorms);
}

double Accuracy(Module model, Tensor x, int[] y)
{
    using var noGraph = NoGrad.Scope();
    var predicted = model.Forward(x).ArgMax();
    return (double)predicted.Zip(y).Count(pair => pair.First == pair.Second) / y.Length;
}

// ## 3 · SGD against Adam
//
// Both optimizers get the same 64-256-10 network, data and 10 epochs: SGD with momentum 0.9 at learning rate 0.01 (with
// momentum, each step also repeats 0.9 of the previous one, so steps build up speed along a direction the gradients keep
// agreeing on), Adam at 0.003. The chart shows the training loss per epoch; the validation accuracy above it is what decides.

// cell 12
var standardiseFit = Standardiser.Fit(fit.X);
var (fitX, fitY) = Datasets.WithShiftedCopies(fit.X, fit.Y, width: 8, height: 8);
fitX = standardiseFit.Apply(fitX);
var validationX = standardiseFit.Apply(validation.X);

var sgdRun = Train(fitX, fitY, ps => new SGD(ps, lr: 0.01, momentum: 0.9), epochs: 10);
var adamRun = Train(fitX, fitY, ps => new Adam(ps, lr: 0.003), epochs: 10);
var epochAxis = Enumerable.Range(1, 10).Select(e => (double)e).ToArray();
Console.WriteLine($"validation accuracy: SGD {Accuracy(sgdRun.Model, validationX, validation.Y):P2}, Adam {Accuracy(adamRun.Model, validationX, validation.Y):P2}");
Notebook.Display(Charts.Line(
    [new Series("SGD, momentum 0.9, lr 0.01", epochAxis, sgdRun.Losses), new Series("Adam, lr 0.003", epochAxis, adamRun.Losses)],
    title: "training loss per epoch", xTitle: "epoch", yTitle: "cross-entropy", logY: true));

// The gradients tell their own story. Here is, for the Adam run, the mean norm of each layer's weight gradient per
// epoch: as the loss falls, so does the push on the weights. The output layer starts with the larger gradient and ends
// with the smaller one: it settles first, while the first layer is still being adjusted.

// cell 14
var (firstNorms, secondNorms) = (adamRun.GradNorms.Select(n => n.First).ToArray(), adamRun.GradNorms.Select(n => n.Second).ToArray());
Console.WriteLine($"layer 1 (64×256): {firstNorms[0]:F3} in epoch 1, {firstNorms[^1]:F3} in epoch 10; layer 2 (256×10): {secondNorms[0]:F3}, then {secondNorms[^1]:F3}");
Notebook.Display(Charts.Line(
    [new Series("layer 1 weights (64×256)", epochAxis, firstNorms), new Series("layer 2 weights (256×10)", epochAxis, secondNorms)],
    title: "Adam: mean gradient norm per epoch", xTitle: "epoch", yTitle: "‖∂loss/∂W‖", logY: true));

// One more choice, made the same way with Adam: does a slow finish help? The same network trained for 12 epochs, once
// at the full learning rate throughout and once with the last 4 at a tenth of it: the same number of steps, so the slow
// finish is the only difference.
//
// Both print the same accuracy below, so on this validation set the slow finish makes no difference; both are above the
// 10-epoch Adam run, so the two extra epochs are what helped. A tie on validation leaves the choice open; the final
// model keeps the slow finish, the usual recipe.

// cell 16
var steady = Train(fitX, fitY, ps => new Adam(ps, lr: 0.003), epochs: 12);
var settled = Train(fitX, fitY, ps => new Adam(ps, lr: 0.003), epochs: 8, slowEpochs: 4);
Console.WriteLine($"validation accuracy after 12 epochs: full rate throughout {Accuracy(steady.Model, validationX, validation.Y):P2}, slow finish {Accuracy(settled.Model, validationX, validation.Y):P2}");

// ## 4 · The final model, and the test accuracy, once
//
// With the settings chosen, the model is trained again on the whole training file (standardised with its own
// statistics, with shifted copies), and evaluated on the test file a single time.

// cell 18
var standardise = Standardiser.Fit(trainX);
var (allX, allY) = Datasets.WithShiftedCopies(trainX, trainY, width: 8, height: 8);
var final = Train(standardise.Apply(allX), allY, ps => new Adam(ps, lr: 0.003), epochs: 8, slowEpochs: 4).Model;
var testInputs = standardise.Apply(testX);
Console.WriteLine($"test accuracy: {Accuracy(final, testInputs, testY):P2} on {testY.Length} digits by writers not in the training file");

// ## 5 · What it gets wrong
//
// A confusion matrix counts, for each true digit (row), what the network answered (column): the diagonal holds the
// right answers, and everything off it is a mistake of a particular kind.

// cell 20
int[] predictedTest;
using (NoGrad.Scope()) predictedTest = final.Forward(testInputs).ArgMax();
Notebook.Display(Charts.ConfusionMatrix(testY, predictedTest, 10, title: "optdigits test set"));

// And the mistakes themselves, with what the writer meant and what the network read. Many are hard for a person too.

// cell 22
var wrong = Enumerable.Range(0, testY.Length).Where(i => predictedTest[i] != testY[i]).ToArray();
var wrongImages = new Tensor(wrong.Length, 64, requiresGrad: false);
for (int k = 0; k < wrong.Length; k++)
    for (int p = 0; p < 64; p++)
        wrongImages[k, p] = testX[wrong[k], p];
Console.WriteLine($"{wrong.Length} mistakes");
Notebook.Display(Charts.DigitGrid(wrongImages, wrong.Select(i => testY[i]).ToArray(), wrong.Select(i => predictedTest[i]).ToArray(), max: wrong.Length));

// ## 6 · What the network looks at
//
// Each hidden unit of the first layer sums the 64 pixels with its own 64 weights, so its weights, laid out as an 8×8
// grid, are a picture of what it responds to: dark where ink raises its sum, light where ink lowers it. Here are the first
// 20 of the 256 (each scaled to its own smallest and largest weight).

// cell 24
var weight = ((Linear)final[0]).Weight;   // 64×256: column u holds unit u's weight for every pixel
var units = new Tensor(20, 64, requiresGrad: false);
for (int u = 0; u < 20; u++)
{
    var column = Enumerable.Range(0, 64).Select(p => weight[p, u]).ToArray();
    double low = column.Min(), high = column.Max();
    for (int p = 0; p < 64; p++) units[u, p] = (column[p] - low) / (high - low);
}
Notebook.Display(Charts.DigitGrid(units, columns: 10, title: "first-layer weights of hidden units 0-19 (dark = large)"));

// Autograd answers a sharper question too. Make the network's **input** a leaf that requires grad (the standardised
// digit, exactly the 64 numbers the first layer sees), run it to the loss, and call `Backward()` once: each input's
// gradient ∂loss/∂input says how much the loss would change if that pixel were a little darker. Nothing new is needed:
// the input is just one more leaf of the graph, like the weights. Below are the first test digit of each class, then the
// size of each pixel's gradient (scaled per digit, darkest = largest). (Taking the gradient with respect to the raw pixels
// instead would mostly show the standardiser: a pixel that is almost never inked has a tiny spread, so its scale, and its
// gradient, are huge.)

// cell 26
var picks = Enumerable.Range(0, 10).Select(digit => Array.IndexOf(testY, digit)).ToArray();
var pickedLabels = picks.Select(i => testY[i]).ToArray();
var pixels = new Tensor(10, 64, requiresGrad: false);
pixels.SetFrom(picks.SelectMany(i => Enumerable.Range(0, 64).Select(p => testX[i, p])).ToArray());
var input = standardise.Apply(pixels).Detach();   // a copy outside any graph: a new leaf
input.RequiresGrad = true;                        // ... whose gradient we want
new CrossEntropyLoss().Forward(final.Forward(input), pickedLabels).Backward();

var saliency = new Tensor(10, 64, requiresGrad: false);
for (int k = 0; k < 10; k++)
{
    double largest = Enumerable.Range(0, 64).Max(p => Math.Abs(input.Grad[64 * k + p]));
    for (int p = 0; p < 64; p++) saliency[k, p] = Math.Abs(input.Grad[64 * k + p]) / largest;
}
Notebook.Display(Charts.DigitGrid(pixels, pickedLabels, title: "the first test digit of each class"));

// cell 27
Notebook.Display(Charts.DigitGrid(saliency, pickedLabels, title: "|∂loss/∂input| for each digit (darkest = largest)"));

// **Exercise 1 (predict, then run).** Pick a test digit and predict: is the pixel with the largest |∂loss/∂input| one
// that has ink, or a blank one? Write your prediction in `predictInk` (true for ink), change `digitIndex` if you like,
// then run the two cells.

// cell 29
int digitIndex = 0;        // any test digit, 0 to 1796
bool predictInk = true;    // your prediction: is the most sensitive pixel inked?

// cell 30
// Check: one backward pass from this digit's loss to its input, then where the largest gradient sits.
var digit = new Tensor(1, 64, requiresGrad: false);
digit.SetFrom(Enumerable.Range(0, 64).Select(p => testX[digitIndex, p]).ToArray());
var one = standardise.Apply(digit).Detach();
one.RequiresGrad = true;
new CrossEntropyLoss().Forward(final.Forward(one), [testY[digitIndex]]).Backward();
int top = Enumerable.Range(0, 64).MaxBy(p => Math.Abs(one.Grad[p]));
bool inked = testX[digitIndex, top] > 0;
Console.WriteLine($"digit {digitIndex} (a {testY[digitIndex]}): the most sensitive pixel is row {top / 8}, column {top % 8}, " +
    $"{(inked ? "inked" : "blank")} (ink {testX[digitIndex, top]:0.##}), gradient {one.Grad[top]:G3}");
Console.WriteLine(inked == predictInk ? "Your prediction held." : "Not this time: compare the digit with its gradient picture above.");

// **Exercise 2 (predict, then run).** The network was trained with shifted copies. Take one test digit, make its four
// one-pixel shifts with `Datasets.WithShiftedCopies`, and predict how many of the five (the digit and its four shifts)
// the network reads right. Write the number in `predictRight`, then run both cells. Try a digit it got wrong, too
// (`wrong[0]` from section 5).

// cell 32
int shiftIndex = 0;   // a test digit
int predictRight = 5; // your prediction: how many of the 5 are read right?

// cell 33
// Check: classify the digit and its four shifts.
var single = new Tensor(1, 64, requiresGrad: false);
single.SetFrom(Enumerable.Range(0, 64).Select(p => testX[shiftIndex, p]).ToArray());
var (shifted, shiftedLabels) = Datasets.WithShiftedCopies(single, [testY[shiftIndex]], width: 8, height: 8);
int[] readAs;
using (NoGrad.Scope()) readAs = final.Forward(standardise.Apply(shifted)).ArgMax();
int right = readAs.Zip(shiftedLabels).Count(pair => pair.First == pair.Second);
Console.WriteLine($"a {testY[shiftIndex]}, read as {string.Join(", ", readAs)} (unshifted, down, up, right, left): {right} of 5 right");
Console.WriteLine(right == predictRight ? "Your prediction held." : $"You predicted {predictRight}.");

// ## 7 · Saving the model
//
// `Save` writes the weights in the *safetensors* format with PyTorch's names and layouts (`0.weight` as out×in,
// `0.bias`), so `torch.nn.Sequential(nn.Linear(64, 256), nn.ReLU(), nn.Linear(256, 10)).load_state_dict(...)` accepts
// the file, and so does TorchSharp: the way onward when this series is outgrown. `Load` fills a model of the same
// architecture and refuses, with a message, a file that does not fit. (The `models/` folder is not committed.)

// cell 35
Directory.CreateDirectory("models");
final.Save("models/optdigits-mlp.safetensors");

var loaded = new Sequential(new Linear(64, 256), new ReLU(), new Linear(256, 10));
loaded.Load("models/optdigits-mlp.safetensors");
Console.WriteLine($"loaded model's test accuracy: {Accuracy(loaded, testInputs, testY):P2}");

// cell 36
try
{
    new Sequential(new Linear(64, 32), new ReLU(), new Linear(32, 10)).Load("models/optdigits-mlp.safetensors");
}
catch (InvalidDataException e)
{
    Console.WriteLine(e.Message);
}

// ### More to try
//
// - Train the final model without the shifted copies (`Train(standardise.Apply(trainX), trainY, ...)`). Does the
//   training loss fall lower? Does the test accuracy go up or down, and what would that say about what the network
//   learned?
// - Give SGD a larger learning rate, `lr: 0.1`. Does its validation accuracy catch up with Adam's?
// - Use `Charts.DigitGrid(testX, testY, predictedTest, max: 50)` to browse test digits with the network's answers.

// cell 38
// Try it: the network's answer for one test digit, as probabilities.
int index = 0;
using (NoGrad.Scope())
{
    var probabilities = final.Forward(standardise.Apply(testX)).Softmax();
    Console.WriteLine($"digit {index} is a {testY[index]}; the network gives it {probabilities[index, testY[index]]:P1}");
}

// ## Summary
//
// - Settings are chosen on a validation split of the training data; the test set is used once, for the final number.
// - Adam and SGD with momentum both train this network; the validation accuracy, not the training loss, decides.
// - The same few lines (`ZeroGrad`, loss, `Backward`, `Step`) train a real classifier to about 97% (96.77% above)
//   on digits by new writers.
// - The input can be a leaf of the graph like the weights: one `Backward()` gives ∂loss/∂input, a picture of where the
//   network is sensitive.
// - Saved models use PyTorch's format and names: the bridge to PyTorch or TorchSharp for models this small library is
//   not made for.
//
// **Source files used here:** [Data/Datasets.Optdigits.cs](../src/Autograd/Data/Datasets.Optdigits.cs),
// [Data/Standardiser.cs](../src/Autograd/Data/Standardiser.cs), [Data/Datasets.ShiftedCopies.cs](../src/Autograd/Data/Datasets.ShiftedCopies.cs),
// [Data/Batches.cs](../src/Autograd/Data/Batches.cs), [Optim/Adam.cs](../src/Autograd/Optim/Adam.cs),
// [Optim/SGD.cs](../src/Autograd/Optim/SGD.cs), [NN/Module.cs](../src/Autograd/NN/Module.cs),
// [NN/Safetensors.cs](../src/Autograd/NN/Safetensors.cs).
//
// **Previous:** [05 · A Sequential network](05-sequential-network.ipynb). This is the last notebook of the series.
