import Testing
import WirescoreXML
import WirescoreTestSupport

/// Undeclared legacy encodings guessed from the bytes: each text is encoded with iconv (the
/// same library the parsers decode with), guessed, and decoded back with the guess.
@Suite struct LegacyCharsetGuesserTests {
    static let japanese = "本日、東京の会社は新しい製品を発表しました。株価は少し上がりました。"
    static let korean = "오늘 서울의 회사가 새로운 제품을 발표했습니다. 주가는 조금 올랐습니다."
    static let simplified = "该公司今天在北京发布了新产品，股价上涨了百分之五。"
    static let traditional = "該公司今天在台北發表了新產品，股價上漲了百分之五。"
    static let russian = "Компания сегодня представила новый продукт, и её акции выросли на пять процентов."
    static let thai = "บริษัทเปิดตัวผลิตภัณฑ์ใหม่ในวันนี้ และราคาหุ้นเพิ่มขึ้นห้าเปอร์เซ็นต์"
    static let hebrew = "החברה הציגה היום מוצר חדש ומחיר המניה עלה בחמישה אחוזים"

    @Test(arguments: [
        (japanese, "SHIFT_JIS", "SHIFT_JIS"), (japanese, "EUC-JP", "EUC-JP"), (korean, "EUC-KR", "EUC-KR"),
        (simplified, "GB2312", "GB2312"), (traditional, "BIG5", "Big5"), (russian, "KOI8-R", "KOI8-R"),
        (russian, "WINDOWS-1251", "windows-1251"), (thai, "TIS-620", "TIS-620"), (hebrew, "WINDOWS-1255", "windows-1255"),
    ])
    func aLegacyTextIsRecognisedAndDecodes(text: String, encoding: String, expected: String) throws {
        let markup = "<rss><channel><item><title>\(text)</title><description>\(text) \(text)</description></item></channel></rss>"
        let bytes = try #require(LegacyEncoding.encode(markup, as: encoding))
        let guess = try #require(LegacyCharsetGuesser.guess(bytes), "\(encoding)")
        #expect(guess.name == expected)
        let decoded = try #require(LegacyEncoding.convert(bytes, from: guess.decoder, to: "UTF-8"))
        #expect(String(decoding: decoded, as: UTF8.self) == markup)
    }

    /// A title alone is enough (the shortest case feeds give).
    @Test(arguments: [(japanese, "SHIFT_JIS", "SHIFT_JIS"), (korean, "EUC-KR", "EUC-KR"), (simplified, "GB2312", "GB2312"),
                      (traditional, "BIG5", "Big5"), (russian, "KOI8-R", "KOI8-R")])
    func oneSentenceIsEnough(text: String, encoding: String, expected: String) throws {
        let bytes = try #require(LegacyEncoding.encode(text, as: encoding))
        #expect(LegacyCharsetGuesser.guess(bytes)?.name == expected)
    }

    /// Short Chinese titles, whose bytes cover Thai's range, stay Chinese: a deterministic
    /// sample of two thousand 6-to-25-character strings of GB2312's common hanzi.
    @Test func shortChineseTitlesAreNotThai() throws {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ range: ClosedRange<UInt8>) -> UInt8 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return range.lowerBound + UInt8((state >> 33) % UInt64(range.count))
        }
        var thai = 0
        for n in 0..<2000 {
            var bytes: [UInt8] = []
            for _ in 0..<(6 + n % 20) { bytes += [next(0xB0...0xD7), next(0xA1...0xFE)] }
            if LegacyCharsetGuesser.guess(bytes)?.name == "TIS-620" { thai += 1 }
        }
        #expect(thai <= 2)
    }

    @Test func latinTextAndUTF8AreLeftToTheCallersDefault() throws {
        let french = try #require(LegacyEncoding.encode("Le président a annoncé à Genève une réforme économique très attendue.",
                                                         as: "WINDOWS-1252"))
        #expect(LegacyCharsetGuesser.guess(french) == nil)
        #expect(LegacyCharsetGuesser.guess(Array("plain ASCII".utf8)) == nil)
        // UTF-8 Korean with one stray byte is still UTF-8, not EUC-KR.
        var stray = Array(Self.korean.utf8)
        stray.insert(0xFF, at: 10)
        #expect(LegacyCharsetGuesser.guess(stray) == nil)
    }
}
