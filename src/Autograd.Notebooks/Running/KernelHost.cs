namespace Autograd.Notebooks.Running;

/// <summary>Where a notebook's cells run.</summary>
internal enum KernelHost
{
    /// <summary>
    /// The tool's own C# kernel, built from the .NET Interactive packages and run in a worker process of the tool (so
    /// a notebook that kills its process cannot kill the tool): quick, and the default.
    /// </summary>
    InProcess,

    /// <summary>The pinned dotnet-interactive tool, the kernel VS Code runs, driven over its stdio protocol.</summary>
    RealKernel,
}
