using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using Autograd.Data;
using Autograd.NN;
using Autograd.Optim;

namespace Autograd.Tests;

/// <summary>
/// The lifetime of results (<see cref="TensorScope"/>): arrays are recycled only through a scope, only once nothing
/// can read them, and a result of an ended scope refuses every use; nothing is recycled without a scope, on any thread
/// or in any finalizer.
/// </summary>
public class TensorScopeTests
{
    // 200×100 doubles = 160 KB: large enough to be recycled.
    private const int Rows = 200;
    private const int Cols = 100;

    [Fact]
    public void A_result_array_goes_to_the_next_scope_once_its_scope_ends()
    {
        // A shape no other test uses, so that nothing else takes the array in between.
        var x = Tensor.Randn(213, 103, new Random(1));
        double[] first;
        using (Tensor.Scope())
        {
            first = (x * 3).Values;
        }

        using (Tensor.Scope())
        {
            Assert.Same(first, (x * 5).Values);
        }
    }

    [Fact]
    public void Without_a_scope_nothing_is_recycled()
    {
        var x = Tensor.Randn(217, 101, new Random(2));
        var arrays = Enumerable.Range(0, 10).Select(i => (x * i).Values).ToList();

        Assert.Equal(10, arrays.Distinct().Count());
        Assert.Equal(0, RecycledArrays.FreeCount(217 * 101));
    }

    [Fact]
    public void Every_use_of_a_result_of_an_ended_scope_is_refused_with_a_message_naming_it()
    {
        var x = Tensor.Randn(3, 4, new Random(3), requiresGrad: true);
        Tensor y;
        using (Tensor.Scope())
        {
            y = x.MatMul(Tensor.Ones(4, 2)).Sum();
        }

        var uses = new (string What, Action Use)[]
        {
            ("Item", () => y.Item()),
            ("Backward", () => y.Backward()),
            ("Data", () => _ = y.Data),
            ("Grad", () => _ = y.Grad),
            ("indexer", () => _ = y[0, 0]),
            ("Detach", () => y.Detach()),
            ("ToString", () => y.ToString()),
            ("an operation", () => _ = y * 2),
            ("ZeroGrad", () => y.ZeroGrad()),
            ("ArgMax", () => y.ArgMax()),
        };
        foreach (var (what, use) in uses)
        {
            var error = Assert.Throws<ObjectDisposedException>(use);
            Assert.True(
                error.Message.Contains("1×1 result of Sum", StringComparison.Ordinal)
                    && error.Message.Contains("Tensor.Scope() that has ended", StringComparison.Ordinal)
                    && error.Message.Contains("Detach()", StringComparison.Ordinal),
                $"{what}: {error.Message}");
        }

        // The leaf is no scope's: it is untouched.
        Assert.Equal(12, x.Data.Length);
    }

    [Fact]
    public void Leaves_and_detached_copies_outlive_the_scope()
    {
        Tensor leaf, copy;
        double loss;
        using (Tensor.Scope())
        {
            leaf = Tensor.Ones(Rows, Cols);
            var y = leaf * 4;
            copy = y.Detach();
            loss = y.Sum().Item();
        }

        using (Tensor.Scope())
        {
            _ = Enumerable.Range(0, 5).Select(i => leaf * -i).ToList();
        }

        Assert.All(copy.Data, v => Assert.Equal(4.0, v));
        Assert.Equal(4.0 * Rows * Cols, loss);
        Assert.All(leaf.Data, v => Assert.Equal(1.0, v));
    }

    [Fact]
    public void An_array_read_through_Data_or_Grad_inside_a_scope_is_never_recycled()
    {
        var x = Tensor.Randn(Rows, Cols, new Random(4), requiresGrad: true);
        double[] data, grad;
        using (Tensor.Scope())
        {
            var y = x * 3;
            (y * 2).Sum().Backward();
            data = y.Data;
            grad = y.Grad;
        }

        var (dataBefore, gradBefore) = ((double[])data.Clone(), (double[])grad.Clone());
        for (int i = 0; i < 5; i++)
        {
            using (Tensor.Scope())
            {
                var z = x * (i + 7);
                (z * 5).Sum().Backward();
                Assert.NotSame(data, z.Values);
                Assert.NotSame(grad, z.GradValues);
            }
        }

        Assert.Equal(dataBefore, data);
        Assert.Equal(gradBefore, grad);
        Assert.All(grad, g => Assert.Equal(2.0, g));
    }

    [Fact]
    public async Task A_result_built_outside_the_scope_keeps_the_scoped_inputs_it_reads()
    {
        var x = Tensor.Randn(Rows, Cols, new Random(5), requiresGrad: true);
        Tensor h;
        using (Tensor.Scope())
        {
            h = (x * 3).Tanh();
        }

        // A flow without the scope (another thread that does not inherit it) builds a result from the scope's result;
        // it belongs to no scope, and keeps what it reads after the scope ends.
        Tensor kept, inner;
        using (Tensor.Scope())
        {
            inner = x * 2;
            Task<Tensor> elsewhere;
            using (ExecutionContext.SuppressFlow())
            {
                elsewhere = Task.Run(() => inner * 1.5, TestContext.Current.CancellationToken);
            }

            kept = await elsewhere;
        }

        Assert.Throws<ObjectDisposedException>(() => inner[0, 0]);
        for (int i = 0; i < 5; i++)
        {
            using (Tensor.Scope())
            {
                _ = x * (i + 11);
            }
        }

        Assert.Throws<ObjectDisposedException>(() => h.Sum());
        Assert.All(kept.Data, (v, i) => Assert.Equal(x.Data[i] * 2 * 1.5, v));
        kept.Sum().Backward();
        Assert.All(x.Grad, g => Assert.Equal(3.0, g));
    }

    [Fact]
    public async Task A_scope_owns_the_results_made_after_an_await_on_another_thread()
    {
        var x = Tensor.Randn(Rows, Cols, new Random(6));
        Tensor after;
        var scope = Tensor.Scope();
        using (scope)
        {
            _ = x * 2;
            await Task.Yield();
            await Task.Delay(10, TestContext.Current.CancellationToken);
            after = x * 3;
            Assert.Equal(2, scope.Count);
        }

        Assert.True(scope.IsEnded);
        Assert.Throws<ObjectDisposedException>(() => after[0, 0]);
        Assert.Null(TensorScope.Current);
    }

    [Fact]
    public void Scopes_nest_and_a_result_belongs_to_the_innermost()
    {
        var x = Tensor.Randn(Rows, Cols, new Random(7));
        using var outer = Tensor.Scope();
        var a = x * 2;
        Tensor b;
        using (var inner = Tensor.Scope())
        {
            b = a * 3;
            Assert.Equal(1, inner.Count);
        }

        Assert.Equal(1, outer.Count);
        Assert.Throws<ObjectDisposedException>(() => b[0, 0]);
        Assert.Equal(x.Data[0] * 2, a[0, 0]);
        Assert.Same(outer, TensorScope.Current);
    }

    [Fact]
    public void Ending_a_scope_of_a_very_long_chain_does_not_overflow_the_stack()
    {
        var x = Tensor.Ones(1, 1, requiresGrad: true);
        Tensor y = x;
        var scope = Tensor.Scope();
        for (int i = 0; i < 1_000_000; i++)
        {
            y = y * 1.0;
        }

        scope.Dispose();

        Assert.True(scope.IsEnded);
        Assert.Throws<ObjectDisposedException>(() => y.Item());
    }

    /// <summary>
    /// The race the old recycler lost: thread A makes <c>leaf * k</c> and hands it to thread B, then keeps computing;
    /// B copies it with Detach() while a third thread allocates. Every copy must hold k; with a scope per item on A, a
    /// copy is either k or refused, never another tensor's numbers.
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_result_read_on_another_thread_is_never_recycled_under_it(bool scopePerItem)
    {
        const int Items = 1000;
        var leaf = Tensor.Ones(Rows, Cols, requiresGrad: true);
        using var queue = new BlockingCollection<(Tensor Result, double K)>(boundedCapacity: 4);
        using var stop = new CancellationTokenSource();
        var cancel = TestContext.Current.CancellationToken;
        var allocator = Task.Run(() =>
        {
            long total = 0;
            while (!stop.IsCancellationRequested)
            {
                total += new byte[1000].Length;
            }

            return total;
        }, cancel);
        var producer = Task.Run(() =>
        {
            for (int i = 0; i < Items; i++)
            {
                double k = i + 2;
                var scope = scopePerItem ? Tensor.Scope() : null;
                queue.Add((leaf * k, k));
                for (int j = 0; j < 3; j++)
                {
                    _ = leaf * -1.0;
                }

                scope?.Dispose();
            }

            queue.CompleteAdding();
        }, cancel);

        int wrong = 0, refused = 0, right = 0;
        foreach (var (result, k) in queue.GetConsumingEnumerable(cancel))
        {
            try
            {
                var copy = result.Detach();
                if (copy.Data.All(v => v == k))
                {
                    right++;
                }
                else
                {
                    wrong++;
                }
            }
            catch (ObjectDisposedException)
            {
                refused++;
            }
        }

        await producer;
        await stop.CancelAsync();
        await allocator;
        Assert.Equal(0, wrong);
        Assert.Equal(Items, right + refused);
        if (!scopePerItem)
        {
            Assert.Equal(Items, right);
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_finalizer_that_reads_a_result_sees_its_numbers_or_a_refusal(bool scoped)
    {
        const int Objects = 2000;
        var leaf = Tensor.Ones(Rows, Cols);
        var outcome = new Outcome();
        for (int i = 0; i < Objects; i++)
        {
            MakeReader(leaf, i + 2, scoped, outcome);
            if (i % 50 == 0)
            {
                GC.Collect();
            }
        }

        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        GC.WaitForPendingFinalizers();

        Assert.Equal(0, outcome.Wrong);
        Assert.Equal(Objects, outcome.Right + outcome.Refused);
        if (!scoped)
        {
            Assert.Equal(Objects, outcome.Right);
        }
    }

    [Fact]
    public void Training_in_scopes_gives_the_same_bits_as_without()
    {
        var withScopes = TrainSpiral(steps: 40, scoped: true, threads: 1);
        var without = TrainSpiral(steps: 40, scoped: false, threads: 1);

        Assert.Equal(without, withScopes);
    }

    [Fact]
    public void Memory_goes_back_after_training_on_four_threads_and_dropping_everything()
    {
        var perThread = TrainSpiral(steps: 30, scoped: true, threads: 4);

        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();

        // 300×100 activations and their gradients were recycled between steps; none survives a full collection.
        Assert.Equal(0, RecycledArrays.FreeCount(300 * 100));
        Assert.Equal(perThread[0], perThread[3]);
    }

    [Fact]
    public async Task The_library_asks_for_no_garbage_collection_while_training()
    {
        var start = new ProcessStartInfo(DeterminismBattery.DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(DeterminismBattery.Locate());
        start.ArgumentList.Add("collections");
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var errors = await process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);

        Assert.True(process.ExitCode == 0, $"exit {process.ExitCode}: {errors}");
        Assert.Contains("induced 0\n", output.ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }

    /// <summary>Trains a 2-100-3 spiral net on each of <paramref name="threads"/> threads; the final weights of each.</summary>
    private static List<double[]> TrainSpiral(int steps, bool scoped, int threads)
    {
        var results = new double[threads][];
        Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, t =>
        {
            var (x, y) = Datasets.Spiral(100, 3, seed: 0);
            var rng = new Random(0);
            var model = new Sequential(new Linear(2, 100, rng), new ReLU(), new Linear(100, 3, rng));
            var optimizer = new SGD(model.Parameters(), lr: 1);
            var loss = new CrossEntropyLoss();
            for (int step = 0; step < steps; step++)
            {
                var scope = scoped ? Tensor.Scope() : null;
                optimizer.ZeroGrad();
                loss.Forward(model.Forward(x), y).Backward();
                optimizer.Step();
                scope?.Dispose();
            }

            results[t] = [.. model.Parameters().SelectMany(p => p.Data)];
        });
        return [.. results];
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void MakeReader(Tensor leaf, double k, bool scoped, Outcome outcome)
    {
        using var scope = scoped ? Tensor.Scope() : null;
        _ = new FinalizerReader(leaf * k, k, outcome);
    }

    private sealed class Outcome
    {
        public int Right;
        public int Wrong;
        public int Refused;
    }

    /// <summary>An object that reads its tensor only in its finalizer, on the finalizer thread.</summary>
    private sealed class FinalizerReader(Tensor tensor, double k, Outcome outcome)
    {
        ~FinalizerReader()
        {
            try
            {
                bool right = tensor.Detach().Data.All(v => v == k);
                Interlocked.Increment(ref right ? ref outcome.Right : ref outcome.Wrong);
            }
            catch (ObjectDisposedException)
            {
                Interlocked.Increment(ref outcome.Refused);
            }
        }
    }
}
