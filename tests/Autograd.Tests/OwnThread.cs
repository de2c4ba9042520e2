using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;

namespace Autograd.Tests;

/// <summary>
/// Runs code on a new thread of its own that starts with no ambient state, as the thread that runs a notebook's cells
/// does, and runs "cells" there: async methods, one after another, each waited for before the next.
/// </summary>
internal static class OwnThread
{
    /// <summary>Runs <paramref name="work"/> on a new thread, waits for it, and returns its result or rethrows.</summary>
    public static T Run<T>(Func<T> work)
    {
        T result = default!;
        ExceptionDispatchInfo? error = null;
        var thread = new Thread(() =>
        {
            try
            {
                result = work();
            }
            catch (Exception e)
            {
                error = ExceptionDispatchInfo.Capture(e);
            }
        });

        // UnsafeStart: the thread does not take on the test's ambient values (no-grad scopes, default generator).
        thread.UnsafeStart();
        thread.Join();
        error?.Throw();
        return result;
    }

    /// <summary>
    /// Runs one cell to its end. An async method's changes to ambient values stay inside it, and its code after an
    /// await continues on a thread-pool thread while this thread waits.
    /// </summary>
    public static void RunCell(Func<Task> cell) => cell().GetAwaiter().GetResult();

    /// <summary>An await that always comes back on a thread-pool thread.</summary>
    public static ConfiguredTaskAwaitable ToThreadPool() => Task.Delay(1).ConfigureAwait(false);
}
