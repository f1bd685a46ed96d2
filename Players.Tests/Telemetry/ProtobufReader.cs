namespace Players.Tests.Telemetry;

/// <summary>
/// Reads the protobuf wire format (varints, fixed 32/64-bit values, length-delimited fields), enough to walk the OTLP
/// export messages field by field; unknown fields are skipped, as protobuf readers do.
/// </summary>
public ref struct ProtobufReader(ReadOnlySpan<byte> buffer)
{
    private const int Varint = 0;
    private const int Fixed64 = 1;
    private const int LengthDelimited = 2;
    private const int Fixed32 = 5;

    private readonly ReadOnlySpan<byte> _buffer = buffer;
    private int _position;
    private int _wireType;

    /// <summary>Moves to the next field; false at the end of the message.</summary>
    public bool TryReadField(out int fieldNumber)
    {
        if (_position >= _buffer.Length)
        {
            fieldNumber = 0;
            return false;
        }

        var tag = ReadVarint();
        fieldNumber = (int)(tag >> 3);
        _wireType = (int)(tag & 7);
        return true;
    }

    public ulong ReadVarint()
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            var b = _buffer[_position++];
            value |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return value;
            }
        }

        throw new FormatException("A varint longer than 10 bytes.");
    }

    public ReadOnlySpan<byte> ReadBytes()
    {
        var length = checked((int)ReadVarint());
        var bytes = _buffer.Slice(_position, length);
        _position += length;
        return bytes;
    }

    public string ReadString() => System.Text.Encoding.UTF8.GetString(ReadBytes());

    public void Skip()
    {
        switch (_wireType)
        {
            case Varint:
                ReadVarint();
                break;
            case Fixed64:
                _position += 8;
                break;
            case LengthDelimited:
                ReadBytes();
                break;
            case Fixed32:
                _position += 4;
                break;
            default:
                throw new FormatException($"Wire type {_wireType} is not one OTLP uses.");
        }
    }
}
