namespace EscalationForecast.Api.Storage.EventTables;

public sealed partial class EventTableReader
{
    /// <summary>
    /// A query for statements that derive a table of their own from the stored events once (filling an index the
    /// events predate): one row <c>(stream_key, event_id, value, sequence)</c> per text value of the JSON field
    /// <paramref name="field"/> (each element when it is an array) of every event whose type is in the text array
    /// parameter <paramref name="typesParameter"/> (<c>$1</c>, say), <c>event_id</c> being the event's own <c>id</c> field.
    /// </summary>
    public string FieldValuesQuery(string field, string typesParameter) =>
        $"""
        select e.stream_id as stream_key, e.data->>'id' as event_id, v.value, e.seq_id as sequence
        from {Schema}.{MartenEventTables.Events} e
        cross join lateral (
            select e.data->>'{Checked(field)}' as value where jsonb_typeof(e.data->'{Checked(field)}') = 'string'
            union all
            select jsonb_array_elements_text(e.data->'{Checked(field)}') where jsonb_typeof(e.data->'{Checked(field)}') = 'array') v
        where e.type = any({typesParameter})
        """;
}
