namespace Autograd.Notebooks.Export;

/// <summary>The style sheet of the exported pages: a readable column, code and outputs set apart.</summary>
internal static class PageStyle
{
    public const string Css = """
        body { margin: 0; font-family: system-ui, -apple-system, "Segoe UI", sans-serif; line-height: 1.5; color: #1f2328; }
        main, nav, header { max-width: 60rem; margin: 0 auto; padding: 0 1.5rem; }
        nav { padding-top: 1rem; font-size: 0.9rem; }
        .cell { margin: 1rem 0; }
        .input { display: flex; gap: 0.5rem; }
        .prompt { flex: 0 0 3rem; color: #6e7781; font-family: ui-monospace, monospace; font-size: 0.85rem; padding-top: 0.6rem; text-align: right; }
        .input pre { flex: 1; min-width: 0; margin: 0; background: #f6f8fa; border: 1px solid #d0d7de; border-radius: 6px; padding: 0.6rem; white-space: pre-wrap; overflow-wrap: anywhere; }
        .output { margin: 0.3rem 0 0 3.5rem; overflow-x: auto; }
        .output svg, .output img { max-width: 100%; height: auto; }
        .output pre { margin: 0.2rem 0; }
        .stderr, .error { color: #cf222e; white-space: pre-wrap; }
        .failure { border: 1px solid #cf222e; background: #ffebe9; border-radius: 6px; padding: 0.5rem 1rem; }
        .failure pre { white-space: pre-wrap; }
        ol.contents { padding-left: 1.5rem; }
        ol.contents li { margin: 0 0 1rem; }
        ol.contents a { font-weight: 600; font-size: 1.1rem; }
        ol.contents p { margin: 0.2rem 0 0; }
        table.runs { border-collapse: collapse; }
        table.runs td, table.runs th { padding: 0.3rem 0.8rem; border-bottom: 1px solid #d0d7de; text-align: left; }
        .ok { color: #1a7f37; }
        .failed { color: #cf222e; }
        """;
}
