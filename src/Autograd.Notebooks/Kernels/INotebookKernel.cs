namespace Autograd.Notebooks.Kernels;

/// <summary>A running kernel that executes one notebook's cells in order, sharing state between them.</summary>
internal interface INotebookKernel : IAsyncDisposable
{
    /// <summary>
    /// C# code that runs through the whole compile-and-execute path yet declares nothing and shows nothing. Kernels
    /// run it once when they start, so the compiler's warm-up (seconds, on a busy machine) counts against the start,
    /// not against the first cell's timeout.
    /// </summary>
    const string WarmUpCode = "System.GC.KeepAlive(null);";

    /// <summary>
    /// Runs one cell's code and gathers everything it showed. Never throws for a failing cell: the failure, or the
    /// timeout, is in the result.
    /// </summary>
    Task<CellExecution> ExecuteAsync(string code, string kernelName, TimeSpan timeout);
}
