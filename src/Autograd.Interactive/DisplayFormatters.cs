using Autograd.NN;
using Microsoft.DotNet.Interactive.Formatting;

namespace Autograd.Interactive;

/// <summary>Registers how the notebook shows numbers, scalars, tensors, graph pictures, heatmaps, charts, models and progress displays.</summary>
internal static class DisplayFormatters
{
    internal const string Html = "text/html";
    internal const string PlainText = "text/plain";
    internal const string Svg = "image/svg+xml";

    /// <summary>
    /// Registers every formatter. Registering again replaces the earlier registrations, so running the setup cell
    /// twice, or after a host reset the formatters between notebooks, leaves the same state.
    /// </summary>
    internal static void Register()
    {
        Formatter.Register<double>((value, writer) => writer.Write(NumberText.Format(value)), PlainText);
        Formatter.Register<double>((value, writer) => writer.Write(NumberHtml.Number(value)), Html);
        Formatter.Register<float>((value, writer) => writer.Write(NumberText.Format(value)), PlainText);
        Formatter.Register<float>((value, writer) => writer.Write(NumberHtml.Number(value)), Html);

        // The kernel's list printout writes each number with its full precision and the current culture's comma.
        Formatter.Register<IEnumerable<double>>((values, writer) => writer.Write(NumberHtml.ListText(values)), PlainText);
        Formatter.Register<IEnumerable<double>>((values, writer) => writer.Write(NumberHtml.List(values)), Html);

        Formatter.Register<Scalar>((scalar, writer) => writer.Write(scalar.ToString()), PlainText);
        Formatter.Register<Scalar>((scalar, writer) => writer.Write(ScalarHtml.Table(scalar)), Html);

        Formatter.Register<Tensor>((tensor, writer) => writer.Write(tensor.ToString()), PlainText);
        Formatter.Register<Tensor>((tensor, writer) => writer.Write(TensorHtml.Render(tensor)), Html);

        // Graphs, heatmaps and the static charts are pictures; their text form (a description, or every cell's label,
        // so a changed value shows) is what text-only hosts and output diffs see.
        RegisterPicture<SvgImage>(image => image.Svg, image => image.Text);

        // A model is a table of its layers; registered for Sequential too, which would otherwise print as a list.
        Formatter.Register<Module>((module, writer) => writer.Write(ModuleHtml.Render(module)), Html);
        Formatter.Register<Module>((module, writer) => writer.Write(ModuleTable.Text(module)), PlainText);
        Formatter.Register<Sequential>((module, writer) => writer.Write(ModuleHtml.Render(module)), Html);
        Formatter.Register<Sequential>((module, writer) => writer.Write(ModuleTable.Text(module)), PlainText);

        Formatter.Register<Progress>((progress, writer) => writer.Write(progress.ToHtml()), Html);
        Formatter.Register<Progress>((progress, writer) => writer.Write(progress.ToString()), PlainText);
        Formatter.SetPreferredMimeTypesFor(typeof(Progress), Html, PlainText);
    }

    /// <summary>Shows <typeparamref name="T"/> as an SVG picture, with a text form for text-only hosts.</summary>
    private static void RegisterPicture<T>(Func<T, string> svg, Func<T, string> text)
    {
        Formatter.Register<T>((image, writer) => writer.Write(svg(image)), Svg);
        Formatter.Register<T>((image, writer) => writer.Write(text(image)), PlainText);
        Formatter.SetPreferredMimeTypesFor(typeof(T), Svg, PlainText);
    }
}
