namespace Autograd.Notebooks.Running;

/// <summary>Where a notebook's cells run.</summary>
public enum KernelHost
{
    /// <summary>A C# kernel inside this process: quick, and what <c>verify</c> and <c>update</c> use by default.</summary>
    InProcess,

    /// <summary>The pinned dotnet-interactive tool, the kernel VS Code runs, driven over its stdio protocol.</summary>
    RealKernel,
}
