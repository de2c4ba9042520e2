using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using Plotly.NET;

namespace Autograd.Interactive;

/// <summary>
/// Makes Plotly.NET's default chart template cheap to write out.
/// </summary>
/// <remarks>
/// Every chart embeds Plotly.NET's default template (colours, fonts, grid), and writing that object graph to JSON
/// takes Plotly.NET between 0.3 and 2 seconds, on every chart: too slow for a loss curve redrawn while a loop runs.
/// The template is written once here, and the default replaced by a copy that holds the same JSON, so each chart
/// is written in milliseconds and looks exactly as before. (The JSON values are Newtonsoft.Json's own types, which
/// Plotly.NET writes as they are; <see cref="DependencyLoader"/> keeps one Newtonsoft.Json for both.) Code that reads
/// the default template back as Plotly.NET objects, rather than choosing another template, would now see JSON.
/// </remarks>
internal static class FastTemplate
{
    private static readonly Lazy<bool> Installed = new(Replace);

    /// <summary>Replaces the default template once per process; later calls do nothing.</summary>
    internal static void Install() => _ = Installed.Value;

    private static bool Replace()
    {
        var json = JObject.Parse(JsonConvert.SerializeObject(Defaults.DefaultTemplate));
        var template = new Template();
        foreach (var property in json.Properties())
        {
            template.SetProperty(property.Name, property.Value);
        }

        Defaults.DefaultTemplate = template;
        return true;
    }
}
