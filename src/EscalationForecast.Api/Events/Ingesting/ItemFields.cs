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

    public IngestionLimits Limits => limits;

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

    public Occurrence? OccurredAt(DateTimeOffset now, bool required = true, string field = "occurredAt")
    {
        var text = Text(field, required, 40);
        if (text is null)
        {
            return null;
        }
        if (!Occurrence.TryParse(text, out var occurrence))
        {
            Fail(field, "must be a date (2020-12-20) or an ISO 8601 date-time with an offset (2020-12-20T18:00:00Z)");
            return null;
        }
        if (occurrence.Start < Earliest)
        {
            Fail(field, $"must not be before {limits.EarliestOccurredAt:yyyy-MM-dd} (Ingestion:EarliestOccurredAt)");
            return null;
        }
        if (occurrence.Start > now.AddDays(1))
        {
            Fail(field, $"must not be more than 1 day in the future (now is {now:yyyy-MM-ddTHH:mm:ssZ})");
            return null;
        }
        return occurrence;
    }

    /// <summary>A bare date, not before <c>Ingestion:EarliestOccurredAt</c> and, when <paramref name="latest"/> is given, not after it.</summary>
    public DateOnly? Date(string field, bool required = true, DateOnly? latest = null, string? latestSetting = null)
    {
        var text = Text(field, required, 10);
        if (text is null)
        {
            return null;
        }
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            if (date < limits.EarliestOccurredAt)
            {
                Fail(field, $"must not be before {limits.EarliestOccurredAt:yyyy-MM-dd} (Ingestion:EarliestOccurredAt)");
                return null;
            }
            if (date > latest)
            {
                Fail(field, $"must not be after {latest:yyyy-MM-dd} ({latestSetting})");
                return null;
            }
            return date;
        }
        Fail(field, "must be a date such as 2020-01-03");
        return null;
    }

    public bool? Boolean(string field)
    {
        switch (Get(field))
        {
            case null: return null;
            case { ValueKind: JsonValueKind.True }: return true;
            case { ValueKind: JsonValueKind.False }: return false;
            default:
                Fail(field, "must be true or false");
                return null;
        }
    }

    /// <summary>
    /// An incident's uncertain author: 1 to <c>Ingestion:MaxChannelsPerTheater</c> objects { "channel", "probability" },
    /// each channel a name and named once, each probability in (0, 1], the probabilities summing to 1 (within 1e-6).
    /// </summary>
    public IReadOnlyList<AttributionShare>? Attribution()
    {
        const string field = "attribution";
        if (Get(field) is not { } value)
        {
            return null;
        }
        int max = limits.MaxChannelsPerTheater;
        if (value.ValueKind != JsonValueKind.Array || value.GetArrayLength() is 0 || value.GetArrayLength() > max)
        {
            Fail(field, $"must be an array of 1 to {max} objects {{ \"channel\", \"probability\" }} (Ingestion:MaxChannelsPerTheater)");
            return null;
        }
        var shares = new List<AttributionShare>();
        var index = 0;
        foreach (var share in value.EnumerateArray())
        {
            var at = $"{field}[{index++}]";
            if (share.ValueKind != JsonValueKind.Object
                || share.EnumerateObject().Any(p => p.Name is not ("channel" or "probability")))
            {
                Fail(at, "must be an object with exactly \"channel\" and \"probability\"");
                continue;
            }
            var channel = share.TryGetProperty("channel", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null;
            if (channel is null || !Identifiers.IsName(channel))
            {
                Fail($"{at}.channel", "is required: a channel, 1-64 characters of a-z, 0-9, '-' and '_' (lower case)");
                continue;
            }
            if (!share.TryGetProperty("probability", out var p) || p.ValueKind != JsonValueKind.Number
                || !p.TryGetDouble(out var probability) || !(probability > 0 && probability <= 1))
            {
                Fail($"{at}.probability", "is required: a number greater than 0 and at most 1");
                continue;
            }
            if (shares.Any(s => s.Channel == channel))
            {
                Fail($"{at}.channel", $"names '{channel}' a second time; give each channel once");
                continue;
            }
            shares.Add(new AttributionShare(channel, probability));
        }
        var sum = shares.Sum(s => s.Probability);
        if (shares.Count == value.GetArrayLength() && Math.Abs(sum - 1) > 1e-6)
        {
            Fail(field, $"has probabilities summing to {sum.ToString("R", CultureInfo.InvariantCulture)}; they must sum to 1");
        }
        return shares;
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
