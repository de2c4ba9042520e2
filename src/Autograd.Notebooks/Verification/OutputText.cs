using System.Text;
using Autograd.Notebooks.Documents;

namespace Autograd.Notebooks.Verification;

/// <summary>
/// A cell's outputs as one text to compare and diff: each output under a header naming its kind, every text
/// format of a display (binary formats such as PNG are left out, as nbval leaves them out). The Jupyter kernel's
/// bootstrap script is left out too (see <see cref="KernelBootstrapOutput"/>).
/// </summary>
internal static class OutputText
{
    public static string Render(IEnumerable<CellOutput> outputs)
    {
        var text = new StringBuilder();
        foreach (var output in KernelBootstrapOutput.Without(outputs))
        {
            switch (output)
            {
                case StreamOutput stream:
                    Section(text, $"[{stream.Name}]", stream.Text);
                    break;
                case DisplayOutput display:
                    foreach (var (mimeType, value) in display.Data.Where(format => DisplayOutput.IsText(format.Key)))
                    {
                        Section(text, $"[{mimeType}]", value);
                    }

                    break;
                case ErrorOutput error:
                    Section(text, $"[error {error.Name}]", error.Message);
                    break;
            }
        }

        return text.ToString();
    }

    private static void Section(StringBuilder text, string header, string content)
    {
        text.Append(header).Append('\n').Append(content);
        if (!content.EndsWith('\n'))
        {
            text.Append('\n');
        }
    }
}
