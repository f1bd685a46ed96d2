using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Text;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations.Operations;

namespace Players.Data.Migrating.Integrity;

/// <summary>
/// What a migration does, written as text that depends on nothing but its operations: each operation's type name and
/// its non-default public properties in ordinal name order, annotations sorted by name, strings length-prefixed
/// (so no escaping rule can change), values in invariant formats, type names without assembly versions. A property
/// that a newer EF adds with its default value leaves the text unchanged; a value of a kind not known here fails
/// rather than being written by a <c>ToString</c> that might change. Nothing depends on the current culture or time
/// zone: every value EF can seed (numbers, decimal, dates and times, offsets, spans, Guid, bytes, enums, null) has an
/// invariant form here.
/// </summary>
public static class CanonicalOperations
{
    // Infrastructure state of the operation objects, not something a migration asks for.
    private static readonly HashSet<string> Ignored = [nameof(Annotatable.IsReadOnly)];

    public static string Write(IEnumerable<MigrationOperation> operations)
    {
        var text = new StringBuilder();
        foreach (var operation in operations)
        {
            WriteValue(text, operation, nameof(operations));
            text.Append('\n');
        }

        return text.ToString();
    }

    /// <summary>
    /// SQL text with line endings made <c>\n</c> and trailing whitespace removed from every line and from the end;
    /// everything else in it counts.
    /// </summary>
    public static string NormalizeSql(string sql) =>
        string.Join('\n', sql.ReplaceLineEndings("\n").Split('\n').Select(line => line.TrimEnd())).TrimEnd('\n');

    private static void WriteObject(StringBuilder text, object value)
    {
        var type = value.GetType();
        text.Append('(').Append(type.Name);
        var properties = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(property => property.CanRead && property.GetIndexParameters().Length == 0 && !Ignored.Contains(property.Name))
            .OrderBy(property => property.Name, StringComparer.Ordinal);
        foreach (var property in properties)
        {
            var propertyValue = property.GetValue(value);
            if (IsDefault(property.PropertyType, propertyValue))
            {
                continue;
            }

            if (value is SqlOperation && property.Name == nameof(SqlOperation.Sql))
            {
                propertyValue = NormalizeSql((string)propertyValue!);
            }

            text.Append(' ').Append(property.Name).Append('=');
            WriteValue(text, propertyValue, property.Name);
        }

        if (value is IReadOnlyAnnotatable annotatable)
        {
            foreach (var annotation in annotatable.GetAnnotations().OrderBy(annotation => annotation.Name, StringComparer.Ordinal))
            {
                text.Append(" @").Append(annotation.Name).Append('=');
                WriteValue(text, annotation.Value, annotation.Name);
            }
        }

        text.Append(')');
    }

    private static void WriteValue(StringBuilder text, object? value, string name)
    {
        switch (value)
        {
            case null:
                text.Append("null");
                break;
            case string s:
                text.Append('s').Append(s.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(s);
                break;
            case bool b:
                text.Append(b ? "true" : "false");
                break;
            case Enum e:
                text.Append("e:").Append(e.GetType().Name).Append('.').Append(e.ToString());
                break;
            case byte or sbyte or short or ushort or int or uint or long or ulong:
                text.Append("i:").Append(Convert.ToString(value, CultureInfo.InvariantCulture));
                break;
            case float or double:
                text.Append("n:").Append(((IFormattable)value).ToString("R", CultureInfo.InvariantCulture));
                break;
            case decimal number:
                // Decimal has no "R" format: its general form round-trips, scale included (1.50 stays 1.50).
                text.Append("n:").Append(number.ToString(CultureInfo.InvariantCulture));
                break;
            case char c:
                text.Append("c:").Append(((int)c).ToString(CultureInfo.InvariantCulture));
                break;
            case DateOnly date:
                text.Append("d:").Append(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                break;
            case TimeOnly time:
                text.Append("t:").Append(time.ToString("HH:mm:ss.fffffff", CultureInfo.InvariantCulture));
                break;
            case DateTime { Kind: DateTimeKind.Local } local:
                // "O" would append the offset of the machine's time zone: the code says only "local".
                text.Append("dt:").Append(DateTime.SpecifyKind(local, DateTimeKind.Unspecified).ToString("O", CultureInfo.InvariantCulture)).Append(" local");
                break;
            case DateTime dateTime:
                text.Append("dt:").Append(dateTime.ToString("O", CultureInfo.InvariantCulture));
                break;
            case DateTimeOffset offset:
                text.Append("dto:").Append(offset.ToString("O", CultureInfo.InvariantCulture));
                break;
            case TimeSpan span:
                text.Append("ts:").Append(span.Ticks.ToString(CultureInfo.InvariantCulture));
                break;
            case Guid guid:
                text.Append("g:").Append(guid.ToString("D"));
                break;
            case byte[] bytes:
                text.Append("x:").Append(Convert.ToHexStringLower(bytes));
                break;
            case Type type:
                text.Append("type:").Append(TypeName(type));
                break;
            case Array { Rank: 2 } table:
                WriteTable(text, table, name);
                break;
            case IEnumerable items:
                text.Append('[');
                var first = true;
                foreach (var item in items)
                {
                    text.Append(first ? "" : ",");
                    WriteValue(text, item, name);
                    first = false;
                }

                text.Append(']');
                break;
            case MigrationOperation or IReadOnlyAnnotatable:
                WriteObject(text, value);
                break;
            default:
                throw new NotSupportedException(
                    $"Cannot checksum {name}: values of type {value.GetType().FullName} have no canonical form. Add one to {nameof(CanonicalOperations)}.");
        }
    }

    // InsertData/DeleteData rows: a row-major table, so that moving a value to another row or column counts.
    private static void WriteTable(StringBuilder text, Array table, string name)
    {
        text.Append('[');
        for (var row = 0; row < table.GetLength(0); row++)
        {
            text.Append(row == 0 ? "[" : ",[");
            for (var column = 0; column < table.GetLength(1); column++)
            {
                text.Append(column == 0 ? "" : ",");
                WriteValue(text, table.GetValue(row, column), name);
            }

            text.Append(']');
        }

        text.Append(']');
    }

    // The default of the property's declared type: a DefaultValue of 0 (declared object) still counts, IsNullable false does not.
    private static bool IsDefault(Type declared, object? value) => value switch
    {
        null => true,
        string => false,
        ICollection collection => collection.Count == 0,
        _ => declared.IsValueType && value.Equals(Activator.CreateInstance(declared)),
    };

    // Namespace and name, generic arguments the same way: an assembly-qualified name would carry the runtime's version.
    private static string TypeName(Type type)
    {
        var name = $"{type.Namespace}.{type.Name}";
        return type.IsGenericType
            ? $"{name}[{string.Join(",", type.GetGenericArguments().Select(TypeName))}]"
            : name;
    }
}
