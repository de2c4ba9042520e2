using System.Runtime.CompilerServices;

namespace Autograd;

/// <summary>
/// Turns graph recording off for a block of code, as PyTorch's <c>torch.no_grad()</c> does: inside
/// <c>using (NoGrad.Scope()) { ... }</c> every operation computes its value only, and its result is a leaf that does
/// not require grad. Use it to evaluate a model without paying for a graph.
/// </summary>
/// <remarks>
/// <para>
/// A scope belongs to the code that opened it, not to a thread, as .NET's ambient values (<see cref="AsyncLocal{T}"/>)
/// do: it still applies after an <c>await</c> inside it, on whichever thread the code continues, and in tasks started
/// inside it. It does not apply to code running elsewhere at the same time, nor to the caller of an <c>async</c> method
/// that opened it once that method has returned; so a notebook cell's <c>using (NoGrad.Scope()) { await ...; }</c>
/// leaves the next cells recording.
/// </para>
/// <para>
/// Recording is off while a scope opened by the current code, or by the code that started it, is open. Disposing a
/// scope closes it wherever it applied, whichever thread disposes it: a task started inside it records again from then
/// on. Scopes may be disposed in any order (closing an outer scope first leaves recording off until the inner one is
/// closed too), and disposing a scope twice does nothing.
/// </para>
/// </remarks>
public static class NoGrad
{
    // Every operation asks IsActive, and reading an AsyncLocal costs several nanoseconds, so a count of the scopes open
    // anywhere in the process lets the usual case (none) answer with one read of a field. A scope never disposed keeps
    // the count above zero: recording stays right, only each operation pays for the longer check.
    private static int openScopes;

    // The innermost scope of the current code; each scope remembers the one that was innermost when it was opened.
    private static readonly AsyncLocal<ScopeHandle?> innermost = new();

    /// <summary>Whether a <see cref="Scope"/> applies to the code running now.</summary>
    public static bool IsActive => Volatile.Read(ref openScopes) != 0 && AnyScopeOpenHere();

    /// <summary>Opens a scope; dispose it (with <c>using</c>) to turn recording back on.</summary>
    public static IDisposable Scope()
    {
        var scope = new ScopeHandle(innermost.Value);
        Interlocked.Increment(ref openScopes);
        innermost.Value = scope;
        return scope;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static bool AnyScopeOpenHere() => NearestOpen(innermost.Value) is not null;

    /// <summary><paramref name="scope"/> or the nearest scope around it that is still open, else null.</summary>
    private static ScopeHandle? NearestOpen(ScopeHandle? scope)
    {
        while (scope is not null && !scope.IsOpen)
        {
            scope = scope.Outer;
        }

        return scope;
    }

    private sealed class ScopeHandle(ScopeHandle? outer) : IDisposable
    {
        private int disposed;

        /// <summary>The scope that was innermost when this one was opened.</summary>
        public ScopeHandle? Outer { get; } = outer;

        public bool IsOpen => Volatile.Read(ref disposed) == 0;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref disposed, 1) != 0)
            {
                return;
            }

            Interlocked.Decrement(ref openScopes);

            // Where this scope is the innermost (the usual end of a using block), the enclosing one takes over again.
            // Anywhere else, code that still refers to this scope skips it from now on, since it is no longer open.
            if (innermost.Value == this)
            {
                innermost.Value = NearestOpen(Outer);
            }
        }
    }
}
