namespace Autograd.Notebooks.Documents;

/// <summary>A file that is not a notebook this tool can read: not JSON, or JSON of the wrong shape.</summary>
/// <param name="path">The file.</param>
/// <param name="problem">What is wrong, without the file's name (for instance "cell 3: 'source' must be …").</param>
/// <param name="inner">The JSON parser's exception, if that is where the problem was found.</param>
internal sealed class NotebookFormatException(string path, string problem, Exception? inner = null)
    : FormatException($"{path}: {problem}", inner)
{
    /// <summary>The file.</summary>
    public string Path { get; } = path;

    /// <summary>What is wrong with it, without the file's name.</summary>
    public string Problem { get; } = problem;
}
