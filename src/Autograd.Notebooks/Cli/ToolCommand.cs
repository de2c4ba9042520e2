namespace Autograd.Notebooks.Cli;

/// <summary>What the tool was asked to do with the notebooks.</summary>
internal enum ToolCommand
{
    /// <summary>Execute, and write the executed notebooks and their HTML pages to the artifacts folder.</summary>
    Run,

    /// <summary>Execute, and compare each cell's text output with the committed one.</summary>
    Verify,

    /// <summary>Execute, and write the outputs back into the notebooks.</summary>
    Update,
}
