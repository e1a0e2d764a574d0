using System.Globalization;
using System.Text.Json;
using EscalationForecast.Api.Http;

namespace EscalationForecast.Api.Events.Ingesting;

/// <summary>
/// Reads the fields of one posted JSON item, recording an <see cref="ItemError"/> for each bad field instead of
/// stopping at the first, so a client learns everything that is wrong with a batch in one answer.
/// </summary>
internal sealed class ItemFields(JsonElement item, int index, string? id, ItemErrors errors, IngestionLimits limits)
{
    public const int MaxTextLength = 500;
    private readonly HashSet<string> _read = ["id", "type"];

    public bool HasErrors { get; private set; }

    private DateTimeOffset Earliest => new(limits.EarliestOccurredAt.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    public void Fail(string field, string reason)
    {
        HasErrors = true;
        errors.Add(ItemError.Of(index, id, field, reason));
    }

    private JsonElement? Get(string field)
    {
        _read.Add(field);
        return item.TryGetProperty(field, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;
    }

    public string? Text(string field, bool required = false, int maxLength = MaxTextLength)
    {
        switch (Get(field))
        {
            case null when required:
                Fail(field, "is required");
                return null;
            case null:
                return null;
            case { ValueKind: JsonValueKind.String } value:
                var text = value.GetString()!;
                if (text.Length == 0 || text.Length > maxLength)
                {
                    Fail(field, $"must be 1 to {maxLength} characters");
                }
                return text;
            default:
                Fail(field, "must be a string");
                return null;
        }
    }

    /// <summary>A theater or channel name: 1-64 characters of a-z, 0-9, '-' and '_'.</summary>
    public string? Name(string field, bool required)
    {
        var text = Text(field, required, 64);
        if (text is not null && !Identifiers.IsName(text))
        {
            Fail(field, "must be 1-64 characters of a-z, 0-9, '-' and '_' (lower case)");
        }
        return text;
    }

    public int? Integer(string field, int min, int max)
    {
        if (Get(field) is not { } value)
        {
            return null;
        }
        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number) && number >= min && number <= max)
        {
            return number;
        }
        Fail(field, max == int.MaxValue ? $"must be an integer of at least {min}" : $"must be an integer from {min} to {max}");
        return null;
    }

    public Occurrence? OccurredAt(DateTimeOffset now, bool required = true)
    {
        var text = Text("occurredAt", required, 40);
        if (text is null)
        {
            return null;
        }
        if (!Occurrence.TryParse(text, out var occurrence))
        {
            Fail("occurredAt", "must be a date (2020-12-20) or an ISO 8601 date-time with an offset (2020-12-20T18:00:00Z)");
            return null;
        }
        if (occurrence.Start < Earliest)
        {
            Fail("occurredAt", $"must not be before {limits.EarliestOccurredAt:yyyy-MM-dd} (Ingestion:EarliestOccurredAt)");
            return null;
        }
        if (occurrence.Start > now.AddDays(1))
        {
            Fail("occurredAt", $"must not be more than 1 day in the future (now is {now:yyyy-MM-ddTHH:mm:ssZ})");
            return null;
        }
        return occurrence;
    }

    public DateOnly? Date(string field)
    {
        var text = Text(field, required: true, 10);
        if (text is null)
        {
            return null;
        }
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            if (date >= limits.EarliestOccurredAt) return date;
            Fail(field, $"must not be before {limits.EarliestOccurredAt:yyyy-MM-dd} (Ingestion:EarliestOccurredAt)");
            return null;
        }
        Fail(field, "must be a date such as 2020-01-03");
        return null;
    }

    public GeoLocation? Location()
    {
        if (Get("location") is not { } value)
        {
            return null;
        }
        if (value.ValueKind != JsonValueKind.Object)
        {
            Fail("location", "must be an object { \"lat\", \"lon\", \"name\" }");
            return null;
        }
        var lat = Coordinate(value, "lat", 90);
        var lon = Coordinate(value, "lon", 180);
        string? name = null;
        if (value.TryGetProperty("name", out var n) && n.ValueKind != JsonValueKind.Null)
        {
            name = n.ValueKind == JsonValueKind.String && n.GetString()!.Length <= MaxTextLength ? n.GetString() : null;
            if (name is null)
            {
                Fail("location.name", $"must be a string of at most {MaxTextLength} characters");
            }
        }
        return lat is { } la && lon is { } lo ? new GeoLocation(la, lo, name) : null;
    }

    private double? Coordinate(JsonElement location, string field, double limit)
    {
        if (location.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.Number
            && value.TryGetDouble(out var number) && Math.Abs(number) <= limit)
        {
            return number;
        }
        Fail($"location.{field}", $"is required and must be a number from -{limit} to {limit}");
        return null;
    }

    public IReadOnlyList<string> TextList(string field, int maxItems = 64)
    {
        if (Get(field) is not { } value)
        {
            return [];
        }
        if (value.ValueKind != JsonValueKind.Array || value.GetArrayLength() > maxItems
            || value.EnumerateArray().Any(x => x.ValueKind != JsonValueKind.String || x.GetString()!.Length is 0 or > 200))
        {
            Fail(field, $"must be an array of at most {maxItems} non-empty strings of at most 200 characters");
            return [];
        }
        return value.EnumerateArray().Select(x => x.GetString()!).ToArray();
    }

    /// <summary>Reports every field the item's type does not define (a typo would otherwise be silently lost).</summary>
    public void RejectUnread(string type)
    {
        foreach (var property in item.EnumerateObject())
        {
            if (!_read.Contains(property.Name))
            {
                Fail(property.Name, $"is not a field of a '{type}' item");
            }
        }
    }
}
