using System.Text;
using EscalationForecast.Client.Csv;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace EscalationForecast.Client.Tests.Csv;

/// <summary>Whatever a correct RFC 4180 writer produces, the parser reads back exactly.</summary>
public class CsvRoundTripProperties
{
    // Fields drawn mostly from the characters that make CSV hard.
    private static readonly Gen<string> Field =
        Gen.Elements('a', 'Z', '1', ' ', ',', '"', '\r', '\n', ';', 'é').ArrayOf().Select(chars => new string(chars));

    private static readonly Gen<(string[][] Records, string Newline, bool FinalBreak, bool QuoteAll)> Files =
        from records in Field.NonEmptyListOf().Select(fields => fields.ToArray()).NonEmptyListOf()
        from newline in Gen.Elements("\r\n", "\n", "\r")
        from finalBreak in ArbMap.Default.GeneratorFor<bool>()
        from quoteAll in ArbMap.Default.GeneratorFor<bool>()
        select (records.ToArray(), newline, finalBreak, quoteAll);

    [Property(MaxTest = 300)]
    public Property Written_records_parse_back_unchanged() =>
        Prop.ForAll(Files.ToArbitrary(), file =>
        {
            var text = Write(file.Records, file.Newline, file.FinalBreak, file.QuoteAll);
            var parsed = CsvParser.Parse(new StringReader(text)).ToList();
            return parsed.Count == file.Records.Length
                   && parsed.All(r => r.Error is null)
                   && parsed.Zip(file.Records).All(p => p.First.Fields.SequenceEqual(p.Second));
        });

    // Quotes a field when it must (or always); a record of one empty field is written as "" so it is not a blank line.
    private static string Write(string[][] records, string newline, bool finalBreak, bool quoteAll)
    {
        var text = new StringBuilder();
        for (var r = 0; r < records.Length; r++)
        {
            var fields = records[r];
            text.AppendJoin(',', fields.Select(f =>
                quoteAll || f.IndexOfAny([',', '"', '\r', '\n']) >= 0 || (fields.Length == 1 && f.Length == 0)
                    ? "\"" + f.Replace("\"", "\"\"") + "\""
                    : f));
            if (r < records.Length - 1 || finalBreak) text.Append(newline);
        }
        return text.ToString();
    }
}
