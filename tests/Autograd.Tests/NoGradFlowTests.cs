namespace Autograd.Tests;

/// <summary>
/// <see cref="NoGrad.Scope"/> follows the code that opened it across awaits and threads, and nowhere else.
/// </summary>
public class NoGradFlowTests
{
    [Fact]
    public void A_scope_around_an_await_keeps_applying_after_it_and_leaves_the_next_cell_recording()
    {
        // The notebook case: a cell awaits inside a scope, so it continues, and disposes the scope, on another thread.
        var (insideAfterAwait, activeInNextCell, gradInNextCell) = OwnThread.Run(() =>
        {
            bool inside = false;
            OwnThread.RunCell(async () =>
            {
                using (NoGrad.Scope())
                {
                    await OwnThread.ToThreadPool();
                    inside = !(new Scalar(2) * 3).RequiresGrad;
                }
            });

            bool active = true;
            double grad = double.NaN;
            OwnThread.RunCell(() =>
            {
                active = NoGrad.IsActive;
                var x = new Scalar(2);
                (x * 3).Backward();
                grad = x.Grad;
                return Task.CompletedTask;
            });

            return (inside, active, grad);
        });

        Assert.True(insideAfterAwait);
        Assert.False(activeInNextCell);
        Assert.Equal(3, gradInNextCell);
    }

    [Fact]
    public void A_scope_opened_in_an_async_method_does_not_apply_to_its_caller_after_it_returns()
    {
        var (activeInside, activeInCaller) = OwnThread.Run(() =>
        {
            IDisposable? scope = null;
            bool inside = false;
            OwnThread.RunCell(async () =>
            {
                scope = NoGrad.Scope();
                await OwnThread.ToThreadPool();
                inside = NoGrad.IsActive;
            });

            bool caller = NoGrad.IsActive;
            scope!.Dispose();
            return (inside, caller);
        });

        Assert.True(activeInside);
        Assert.False(activeInCaller);
    }

    [Fact]
    public void Disposing_a_scope_on_another_thread_turns_recording_back_on_where_it_was_opened()
    {
        var (before, after, grad) = OwnThread.Run(() =>
        {
            var scope = NoGrad.Scope();
            bool active = NoGrad.IsActive;
            var disposer = new Thread(scope.Dispose);
            disposer.Start();
            disposer.Join();

            var x = new Scalar(1.5);
            (x * x).Backward();
            return (active, NoGrad.IsActive, x.Grad);
        });

        Assert.True(before);
        Assert.False(after);
        Assert.Equal(3, grad);
    }

    [Fact]
    public async Task A_task_started_inside_a_scope_is_in_it_until_the_scope_is_disposed()
    {
        var cancel = TestContext.Current.CancellationToken;
        using var started = new ManualResetEventSlim();
        using var disposed = new ManualResetEventSlim();
        Task<(bool Before, bool After)> task;
        using (NoGrad.Scope())
        {
            task = Task.Run(
                () =>
                {
                    bool before = !(new Scalar(1) * 2).RequiresGrad;
                    started.Set();
                    disposed.Wait(cancel);
                    return (before, (new Scalar(1) * 2).RequiresGrad);
                },
                cancel);
            started.Wait(cancel);
        }

        disposed.Set();
        var (inScopeBefore, recordingAfter) = await task;

        Assert.True(inScopeBefore);
        Assert.True(recordingAfter);
    }

    [Fact]
    public async Task Code_running_elsewhere_meanwhile_keeps_recording()
    {
        using var opened = new ManualResetEventSlim();
        using var checkedElsewhere = new ManualResetEventSlim();
        var elsewhere = OwnThreadTask(() =>
        {
            opened.Wait();
            bool recording = (new Scalar(1) * 2).RequiresGrad && !NoGrad.IsActive;
            checkedElsewhere.Set();
            return recording;
        });

        bool activeHere = OwnThread.Run(() =>
        {
            using var scope = NoGrad.Scope();
            opened.Set();
            checkedElsewhere.Wait();
            return NoGrad.IsActive;
        });

        Assert.True(activeHere);
        Assert.True(await elsewhere);
    }

    [Fact]
    public void Scopes_disposed_out_of_order_or_twice_keep_recording_off_exactly_while_one_is_open()
    {
        var states = OwnThread.Run(() =>
        {
            var seen = new List<bool>();
            var outer = NoGrad.Scope();
            var inner = NoGrad.Scope();
            outer.Dispose();
            seen.Add(NoGrad.IsActive);
            outer.Dispose();
            seen.Add(NoGrad.IsActive);
            inner.Dispose();
            seen.Add(NoGrad.IsActive);
            inner.Dispose();
            seen.Add(NoGrad.IsActive);
            using (NoGrad.Scope())
            {
                seen.Add(NoGrad.IsActive);
            }

            seen.Add(NoGrad.IsActive);
            return seen;
        });

        Assert.Equal([true, true, false, false, true, false], states);
    }

    [Fact]
    public async Task Scopes_opened_and_closed_on_two_threads_at_once_never_reach_each_other_or_a_third()
    {
        const int Iterations = 20_000;
        var x = new Scalar(0.5);
        using var go = new Barrier(3);

        Task<int> Toggle() => OwnThreadTask(() =>
        {
            go.SignalAndWait();
            int wrong = 0;
            for (int i = 0; i < Iterations; i++)
            {
                using (NoGrad.Scope())
                {
                    wrong += (x * 2).RequiresGrad ? 1 : 0;
                }

                wrong += (x * 2).RequiresGrad ? 0 : 1;
            }

            return wrong;
        });

        var first = Toggle();
        var second = Toggle();
        var bystander = OwnThreadTask(() =>
        {
            go.SignalAndWait();
            int wrong = 0;
            for (int i = 0; i < 2 * Iterations; i++)
            {
                wrong += (x * 2).RequiresGrad ? 0 : 1;
            }

            return wrong;
        });

        int[] wrong = await Task.WhenAll(first, second, bystander);
        Assert.Equal([0, 0, 0], wrong);
        Assert.False(NoGrad.IsActive);
    }

    /// <summary>Runs <paramref name="work"/> on a thread of its own without waiting for it.</summary>
    private static Task<T> OwnThreadTask<T>(Func<T> work) => Task.Run(() => OwnThread.Run(work));
}
