using EscalationForecast.Client.Csv;
using EscalationForecast.Client.Events;
using EscalationForecast.Client.Presets;

namespace EscalationForecast.Client.Reading;

/// <summary>
/// Reads a whole CSV file through a preset. It never throws on bad data: a malformed record, a row the preset
/// refuses, or an event breaking the contract becomes a <see cref="RowRejection"/>, and every other row is kept.
/// A row is all or nothing here (no half-replicated context rows), which keeps the row accounting exact. A header
/// the preset cannot work with stops the file at once (<see cref="EventFile.FileProblem"/>): every row would fail alike.
/// </summary>
public static class EventFileReader
{
    public static EventFile ReadFile(string path, ImportPreset preset)
    {
        using var reader = new StreamReader(path, detectEncodingFromByteOrderMarks: true);
        return Read(Path.GetFileName(path), reader, preset);
    }

    public static EventFile Read(string fileName, TextReader reader, ImportPreset preset)
    {
        var events = new List<SourcedEvent>();
        var rejections = new List<RowRejection>();
        CsvHeader? header = null;
        IRowMapper? mapper = null;
        var rows = 0;
        foreach (var record in CsvParser.Parse(reader))
        {
            if (header is null)
            {
                header = new CsvHeader(record.Fields);
                try { mapper = preset.CreateMapper(fileName, header); }
                catch (RowRejectedException e)
                {
                    return new EventFile(fileName, preset.Name, 0, [], []) { FileProblem = Reject(fileName, record.Row, e) };
                }
                continue;
            }
            rows++;
            var rejection = Check(fileName, record, header.Names.Count);
            if (rejection is null)
            {
                try { rejection = Keep(events, mapper!.Map(new CsvRow(header, record)), fileName, record.Row); }
                catch (RowRejectedException e) { rejection = Reject(fileName, record.Row, e); }
            }
            if (rejection is not null) rejections.Add(rejection);
        }
        return new EventFile(fileName, preset.Name, rows, events, rejections)
        {
            FileProblem = header is null ? new RowRejection(fileName, 1, null, "the file is empty; it needs a header row") : null,
        };
    }

    private static RowRejection? Check(string fileName, CsvRecord record, int columns) =>
        record.Error is not null ? new RowRejection(fileName, record.Row, null, record.Error)
        : record.Fields.Count != columns ? new RowRejection(fileName, record.Row, null,
            $"the row has {record.Fields.Count} fields but the header has {columns}; " +
            "quote fields that contain commas (\"a, b\") and give every column a value or an empty field")
        : null;

    private static RowRejection? Keep(List<SourcedEvent> events, IReadOnlyList<EventItem> items, string fileName, int row)
    {
        foreach (var item in items)
        {
            if (EventRules.Check(item) is { } problem)
                return new RowRejection(fileName, row, null, problem);
        }
        events.AddRange(items.Select(item => new SourcedEvent(item, row)));
        return null;
    }

    private static RowRejection Reject(string fileName, int row, RowRejectedException e) =>
        new(fileName, row, e.Column, e.Reason, e.Kind);
}
