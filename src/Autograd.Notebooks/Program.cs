using Autograd.Notebooks.Cli;
using Autograd.Notebooks.Kernels;

// The tool starts itself as a worker to run notebooks' cells in process (see WorkerKernel).
if (args is [KernelWorker.Command])
{
    return await KernelWorker.RunAsync();
}

return await NotebookTool.RunAsync(args, Console.Out);
