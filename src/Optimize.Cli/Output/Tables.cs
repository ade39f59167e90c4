using Optimize.Model;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Optimize.Cli.Output;

/// <summary>
/// Tables that fit the console. Below <see cref="NarrowBelow"/> columns (80 is the target) a table gets compact
/// borders, ids are shortened in the middle with an ellipsis (<c>rg-s…/vm-web-0001</c>: a shortened id is still
/// accepted by <c>--resource</c> and <c>--pass</c>), kinds are abbreviated and a word too long for its column ends in
/// an ellipsis instead of breaking across lines. With <c>--wide</c> nothing is shortened.
/// </summary>
internal static class Tables
{
    /// <summary>Consoles narrower than this get compact tables.</summary>
    public const int NarrowBelow = 120;

    /// <summary>The widest an id column gets in a compact table.</summary>
    public const int NarrowIdWidth = 24;

    /// <summary>A table for these headers, compact when the console is narrow.</summary>
    public static Table Create(Consoles consoles, params string[] headers)
    {
        var table = new Table();
        foreach (var header in headers)
        {
            var column = new TableColumn(new Markup(Markup.Escape(header)).Overflow(Overflow.Ellipsis));
            if (consoles.Narrow)
            {
                column.Padding(0, 0, 1, 0);
            }

            table.AddColumn(column);
        }

        if (consoles.Narrow)
        {
            table.Border(TableBorder.Simple);
        }

        return table;
    }

    /// <summary>Marks columns whose cells must not wrap (ids, states, numbers): free text columns give way first.</summary>
    public static Table NoWrap(this Table table, params int[] columns)
    {
        foreach (var i in columns)
        {
            table.Columns[i].NoWrap();
        }

        return table;
    }

    /// <summary>A cell of plain text: wraps between words; a word longer than the column ends in an ellipsis.</summary>
    public static IRenderable Text(string text) => new Markup(Markup.Escape(text)).Overflow(Overflow.Ellipsis);

    /// <summary>A cell of markup (already escaped), with the same overflow as <see cref="Text"/>.</summary>
    public static IRenderable Styled(string markup) => new Markup(markup).Overflow(Overflow.Ellipsis);

    /// <summary>An id cell: whole when wide, else shortened to <see cref="NarrowIdWidth"/>.</summary>
    public static IRenderable Id(Consoles consoles, string id, int narrowWidth = NarrowIdWidth) =>
        new Markup(Markup.Escape(consoles.Narrow ? Ellipsize(id, narrowWidth) : id)).Overflow(Overflow.Ellipsis);

    /// <summary>A size or change text; in a compact table VM sizes drop their <c>Standard_</c> prefix (<c>D4s_v5</c>).</summary>
    public static string Sizes(Consoles consoles, string text) => consoles.Narrow ? text.Replace("Standard_", "", StringComparison.Ordinal) : text;

    /// <summary>A header, shorter in a compact table.</summary>
    public static string Header(Consoles consoles, string wide, string narrow) => consoles.Narrow ? narrow : wide;

    /// <summary>A resource kind, abbreviated in a compact table.</summary>
    public static string Kind(Consoles consoles, ResourceKind kind) => !consoles.Narrow ? kind.ToString() : kind switch
    {
        ResourceKind.VirtualMachine => "VM",
        ResourceKind.ScaleSet => "VMSS",
        ResourceKind.AppServicePlan => "Plan",
        ResourceKind.AutoscaleSetting => "Autoscale",
        ResourceKind.FunctionApp => "Function",
        _ => kind.ToString(),
    };

    /// <summary>
    /// <paramref name="id"/> in at most <paramref name="max"/> characters: the start, an ellipsis, the end. The last
    /// path segment (a resource's name) is kept whole when it fits beside one character of the rest, so
    /// <c>rg-shared-dev/vmss-web-0027</c> becomes <c>rg-sh…/vmss-web-0027</c> and, in 24 columns,
    /// <c>rg-api-prod/autoscale-orders-0016</c> becomes <c>r…/autoscale-orders-0016</c>.
    /// </summary>
    public static string Ellipsize(string id, int max)
    {
        if (id.Length <= max || max < 5)
        {
            return id;
        }

        var slash = id.LastIndexOf('/');
        var tail = slash > 0 ? id.Length - slash : 0;
        if (tail > 0 && max - 1 - tail >= 1)
        {
            return id[..(max - 1 - tail)] + "…" + id[slash..];
        }

        var head = max / 3;
        return id[..head] + "…" + id[^(max - 1 - head)..];
    }
}
