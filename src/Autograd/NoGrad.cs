namespace Autograd;

/// <summary>
/// Turns graph recording off for a block of code, as PyTorch's <c>torch.no_grad()</c> does: inside
/// <c>using (NoGrad.Scope()) { ... }</c> every operation computes its value only, and its result is a leaf that does
/// not require grad. Use it to evaluate a model without paying for a graph. Scopes nest, and are per thread.
/// </summary>
public static class NoGrad
{
    [ThreadStatic]
    private static int depth;

    /// <summary>Whether a <see cref="Scope"/> is open on the current thread.</summary>
    public static bool IsActive => depth > 0;

    /// <summary>Opens a scope; dispose it (with <c>using</c>) to turn recording back on.</summary>
    public static IDisposable Scope()
    {
        depth++;
        return new ScopeHandle();
    }

    private sealed class ScopeHandle : IDisposable
    {
        private bool disposed;

        public void Dispose()
        {
            if (!disposed)
            {
                disposed = true;
                depth--;
            }
        }
    }
}
