using System.Globalization;
using Microsoft.DotNet.Interactive.Formatting;
using Microsoft.DotNet.Interactive.Formatting.Csv;
using Microsoft.DotNet.Interactive.Formatting.TabularData;

namespace Autograd.Notebooks.Kernels;

/// <summary>
/// What a notebook running inside this process shares with the whole process: the working directory (relative
/// <c>#r</c> paths and data files resolve against it), the culture (numbers print as 1234.5, not 1234,5) and the
/// <see cref="Formatter"/> registrations. <see cref="Apply"/> sets them for one notebook and returns what to
/// restore afterwards.
/// </summary>
internal sealed class ProcessWideSettings
{
    private readonly string workingDirectory;
    private readonly CultureInfo culture;
    private readonly CultureInfo uiCulture;
    private readonly CultureInfo? defaultThreadCulture;
    private readonly CultureInfo? defaultThreadUICulture;

    private ProcessWideSettings()
    {
        workingDirectory = Environment.CurrentDirectory;
        culture = CultureInfo.CurrentCulture;
        uiCulture = CultureInfo.CurrentUICulture;
        defaultThreadCulture = CultureInfo.DefaultThreadCurrentCulture;
        defaultThreadUICulture = CultureInfo.DefaultThreadCurrentUICulture;
    }

    /// <summary>Sets up the process for a notebook in <paramref name="notebookFolder"/>.</summary>
    public static ProcessWideSettings Apply(string notebookFolder)
    {
        var previous = new ProcessWideSettings();
        Environment.CurrentDirectory = notebookFolder;
        SetCultures(CultureInfo.InvariantCulture, CultureInfo.InvariantCulture);
        CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
        CultureInfo.DefaultThreadCurrentUICulture = CultureInfo.InvariantCulture;
        ResetFormatterAsVsCodeDoes();
        return previous;
    }

    /// <summary>Puts back what <see cref="Apply"/> found, and clears the formatters the notebook registered.</summary>
    public void Restore()
    {
        Environment.CurrentDirectory = workingDirectory;
        SetCultures(culture, uiCulture);
        CultureInfo.DefaultThreadCurrentCulture = defaultThreadCulture;
        CultureInfo.DefaultThreadCurrentUICulture = defaultThreadUICulture;
        Formatter.ResetToDefault();
    }

    /// <summary>
    /// The formatter set-up of the kernel VS Code starts: values display as HTML by default, strings as plain text.
    /// </summary>
    private static void ResetFormatterAsVsCodeDoes()
    {
        Formatter.ResetToDefault();
        Formatter.DefaultMimeType = HtmlFormatter.MimeType;
        Formatter.SetPreferredMimeTypesFor(typeof(string), PlainTextFormatter.MimeType);
        Formatter.SetPreferredMimeTypesFor(typeof(TabularDataResource), HtmlFormatter.MimeType, CsvFormatter.MimeType);
    }

    private static void SetCultures(CultureInfo newCulture, CultureInfo newUICulture)
    {
        CultureInfo.CurrentCulture = newCulture;
        CultureInfo.CurrentUICulture = newUICulture;
    }
}
