namespace Autograd.Notebooks.Tests;

/// <summary>
/// Every test that runs a notebook belongs here, so they run one at a time: an in-process notebook changes state the
/// whole process shares (working directory, culture, formatters), and two kernels at once would slow each other past
/// their timeouts on a small machine.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class NotebookCollection
{
    public const string Name = "Notebooks";
}
