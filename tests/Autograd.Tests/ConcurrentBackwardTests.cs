using System.Globalization;
using System.Text.RegularExpressions;

namespace Autograd.Tests;

/// <summary>
/// Backward passes, ZeroGrad and graph pictures started on several threads over shared nodes: each pass counts once,
/// bit for bit as the same passes run one after another, and readers never see a pass half done.
/// </summary>
public class ConcurrentBackwardTests
{
    private const int PassesPerThread = 20_000;

    [Fact]
    public void Two_threads_passing_through_a_shared_tensor_leaf_add_every_pass()
    {
        var x = new Tensor(2, 3);
        x.SetFrom([0.5, -1, 2, 3, -4, 0.25]);

        OnTwoThreads(() => (x * 1.0).Sum().Backward());

        Assert.Equal(Enumerable.Repeat(2.0 * PassesPerThread, 6), x.Grad);
    }

    [Fact]
    public void Two_threads_passing_through_shared_tensors_give_the_bits_of_the_same_passes_in_turn()
    {
        static (Tensor X, Tensor W, Func<Tensor> Loss) Graph()
        {
            var x = Tensor.Randn(3, 4, new Random(1), requiresGrad: true);
            var w = Tensor.Randn(4, 2, new Random(2), requiresGrad: true);
            return (x, w, () => x.MatMul(w).Tanh().Sum());
        }

        var (x, w, loss) = Graph();
        OnTwoThreads(() => loss().Backward());
        var (xAlone, wAlone, lossAlone) = Graph();
        for (int i = 0; i < 2 * PassesPerThread; i++)
        {
            lossAlone().Backward();
        }

        Assert.Equal(Bits(xAlone.Grad), Bits(x.Grad));
        Assert.Equal(Bits(wAlone.Grad), Bits(w.Grad));
    }

    [Fact]
    public void Two_threads_passing_through_a_shared_scalar_leaf_add_every_pass()
    {
        var x = new Scalar(0.75);

        OnTwoThreads(() => (x * 1.0).Backward());

        Assert.Equal(2.0 * PassesPerThread, x.Grad);
    }

    [Fact]
    public void Two_threads_passing_through_shared_scalars_give_the_bits_of_the_same_passes_in_turn()
    {
        static (Scalar X, Scalar Y, Scalar Loss) Graph()
        {
            var x = new Scalar(0.3);
            var y = new Scalar(-1.7);
            var h = ((x * y) + x).Tanh();
            return (x, y, (h * h) + (y.Exp() * h));
        }

        var (x, y, loss) = Graph();
        OnTwoThreads(loss.Backward);
        var (xAlone, yAlone, lossAlone) = Graph();
        for (int i = 0; i < 2 * PassesPerThread; i++)
        {
            lossAlone.Backward();
        }

        Assert.Equal(BitConverter.DoubleToInt64Bits(xAlone.Grad), BitConverter.DoubleToInt64Bits(x.Grad));
        Assert.Equal(BitConverter.DoubleToInt64Bits(yAlone.Grad), BitConverter.DoubleToInt64Bits(y.Grad));
    }

    [Fact]
    public void Zero_grad_on_another_thread_falls_between_passes_never_inside_one()
    {
        // One thread runs passes while another clears the graph over and over. Cleared between two passes, the leaf
        // holds, after each pass, the total of the passes since the last clear: the same bits as that many passes from
        // zero. The leaf receives 100 shares during a pass, so cleared in the middle of one it would keep only some.
        const int Passes = 5_000;
        static (Scalar X, Scalar Loss) Graph()
        {
            var x = new Scalar(0.3);
            Scalar loss = x * 1.0;
            for (int i = 1; i < 100; i++)
            {
                loss += x * (1 + (i / 1000.0));
            }

            return (x, loss);
        }

        var (alone, aloneLoss) = Graph();
        var totals = new HashSet<long> { BitConverter.DoubleToInt64Bits(alone.Grad) };
        for (int i = 0; i < Passes; i++)
        {
            aloneLoss.Backward();
            totals.Add(BitConverter.DoubleToInt64Bits(alone.Grad));
        }

        var (x, loss) = Graph();
        bool done = false;
        var clearer = Start(() =>
        {
            while (!Volatile.Read(ref done))
            {
                loss.ZeroGrad();
            }
        });

        var wrong = new List<double>();
        for (int i = 0; i < Passes; i++)
        {
            loss.Backward();
            double grad = x.Grad;
            if (!totals.Contains(BitConverter.DoubleToInt64Bits(grad)))
            {
                wrong.Add(grad);
            }
        }

        Volatile.Write(ref done, true);
        clearer.Join();
        Assert.Empty(wrong);
    }

    [Fact]
    public void Pictures_and_printouts_drawn_during_passes_show_the_gradients_between_passes()
    {
        // Every pass adds 3 to x's gradient, so read between passes it only grows; read inside a pass it would show
        // the pass's own share (0, then 3) while the earlier total is set aside.
        const int Reads = 2_000;
        var x = new Scalar(1, label: "x");
        var loss = x * 3;
        bool stop = false;
        var passes = Start(() =>
        {
            while (!Volatile.Read(ref stop))
            {
                loss.Backward();
            }
        });

        var seen = new List<double>();
        var dotGrad = new Regex(@"label=""x\|value 1\|grad ([^""]+)""");
        try
        {
            for (int i = 0; i < Reads; i++)
            {
                var tree = loss.ToTree();
                seen.Add(double.Parse(Regex.Match(tree, @"leaf x: value=1 grad=(\S+)").Groups[1].Value, CultureInfo.InvariantCulture));
                var dot = loss.ToDot();
                seen.Add(double.Parse(dotGrad.Match(dot).Groups[1].Value, CultureInfo.InvariantCulture));
            }
        }
        finally
        {
            Volatile.Write(ref stop, true);
            passes.Join();
        }

        var drops = seen.Zip(seen.Skip(1)).Where(pair => pair.Second < pair.First).ToList();
        Assert.Empty(drops);
        Assert.True(seen[^1] > 0);
    }

    [Fact]
    public async Task Passes_whose_matrix_products_use_worker_threads_run_side_by_side_without_waiting_for_each_other_forever()
    {
        // 256³ multiply-adds is over the threshold where a product splits over threads; each pass runs three.
        static (Tensor A, Tensor B, Func<Tensor> Loss) Graph()
        {
            var a = Tensor.Randn(256, 256, new Random(3), std: 0.1, requiresGrad: true);
            var b = Tensor.Randn(256, 256, new Random(4), std: 0.1, requiresGrad: true);
            return (a, b, () => a.MatMul(b).Sum());
        }

        const int Passes = 10;
        var (a, b, loss) = Graph();
        var cancel = TestContext.Current.CancellationToken;
        var both = Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Task.Run(
            () =>
            {
                for (int i = 0; i < Passes; i++)
                {
                    loss().Backward();
                }
            },
            cancel)));
        await both.WaitAsync(TimeSpan.FromMinutes(2), cancel);

        var (aAlone, bAlone, lossAlone) = Graph();
        for (int i = 0; i < 2 * Passes; i++)
        {
            lossAlone().Backward();
        }

        Assert.Equal(Bits(aAlone.Grad), Bits(a.Grad));
        Assert.Equal(Bits(bAlone.Grad), Bits(b.Grad));
    }

    /// <summary>Runs <paramref name="pass"/> <see cref="PassesPerThread"/> times on each of two threads at once.</summary>
    private static void OnTwoThreads(Action pass)
    {
        using var go = new Barrier(2);
        var threads = Enumerable.Range(0, 2).Select(_ => Start(() =>
        {
            go.SignalAndWait();
            for (int i = 0; i < PassesPerThread; i++)
            {
                pass();
            }
        })).ToList();
        threads.ForEach(t => t.Join());
    }

    private static Thread Start(Action work)
    {
        var thread = new Thread(() => work());
        thread.Start();
        return thread;
    }

    private static long[] Bits(double[] values) => [.. values.Select(BitConverter.DoubleToInt64Bits)];
}
