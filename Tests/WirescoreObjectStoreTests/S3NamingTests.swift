import Testing
@testable import WirescoreObjectStore
import WirescoreFetch
import WirescoreOutput

/// Names and URLs: what libcurl 7.88 signs as written must already be SigV4's canonical form.
struct S3NamingTests {
    @Test func locationsParseBucketAndPrefix() throws {
        let location = try S3Location(parsing: "s3://news-data/wirescore/prod/")
        #expect(location.bucket == "news-data")
        #expect(location.prefix == "wirescore/prod")
        #expect(location.key("articles/date=2026-12-01/part-0-r-0.jsonl") == "wirescore/prod/articles/date=2026-12-01/part-0-r-0.jsonl")
        #expect(location.relative("wirescore/prod/raw/x") == "raw/x")
        #expect(location.relative("other/raw/x") == nil)
        #expect(try S3Location(parsing: "s3://bucket").prefix == "")
    }

    @Test(arguments: ["s3://", "s3://Upper", "s3://ab", "s3://-bucket/x", "s3://bucket/../x", "gs://bucket"])
    func badLocationsAreRefusedWithAReason(_ text: String) {
        #expect(throws: S3Location.Problem.self) { try S3Location(parsing: text) }
    }

    @Test func keysAreEncodedTheWaySigV4CanonicalisesThem() throws {
        let endpoint = S3Endpoint(baseURL: "http://127.0.0.1:8333", pathStyle: true,
                                  credentials: SigV4Credentials(accessKeyID: "a", secretAccessKey: "b", region: "us-east-1"))
        #expect(endpoint.url(bucket: "b1", key: "p/articles/date=2026-12-01/part-0.jsonl")
                == "http://127.0.0.1:8333/b1/p/articles/date%3D2026-12-01/part-0.jsonl")
        // Query parameters sorted by name, values encoded (a `/` too).
        #expect(endpoint.url(bucket: "b1", key: "", query: [("prefix", "p/a b"), ("list-type", "2"), ("delimiter", "/")])
                == "http://127.0.0.1:8333/b1?delimiter=%2F&list-type=2&prefix=p%2Fa%20b")
        #expect(endpoint.url(bucket: "b1", key: "k", query: [("uploads", "")]) == "http://127.0.0.1:8333/b1/k?uploads=")
    }

    @Test func endpointComesFromThePipelineFirstThenTheEnvironment() throws {
        let env = ["AWS_ACCESS_KEY_ID": "envkey", "AWS_SECRET_ACCESS_KEY": "envsecret", "AWS_REGION": "eu-west-1",
                   "AWS_ENDPOINT_URL": "http://minio.local:9000/"]
        let fromEnv = try S3Endpoint.resolve(bucket: "b1", environment: env)
        #expect(fromEnv.baseURL == "http://minio.local:9000")
        #expect(fromEnv.pathStyle)
        #expect(fromEnv.credentials.region == "eu-west-1")
        let own = try S3Endpoint.resolve(bucket: "b1", overrides: .init(accessKeyID: "mine", secretAccessKey: "s"),
                                         environment: ["AWS_ACCESS_KEY_ID": "envkey"])
        #expect(own.credentials.accessKeyID == "mine")
        #expect(!own.pathStyle)
        #expect(own.baseURL == "https://b1.s3.us-east-1.amazonaws.com")
        #expect(throws: S3Endpoint.Problem.self) { try S3Endpoint.resolve(bucket: "b1", environment: [:]) }
        #expect(throws: S3Endpoint.Problem.self) {
            try S3Endpoint.resolve(bucket: "b1", environment: env.merging(["AWS_ENDPOINT_URL": "ftp://x"]) { $1 })
        }
    }

    @Test func listingsAndErrorsAreReadFromS3XML() {
        let xml = """
            <ListBucketResult><IsTruncated>true</IsTruncated><Contents><Key>p/a/date=2026-01-01/part-0-x-0.jsonl</Key>\
            <ETag>&#34;5d41&#34;</ETag><Size>5</Size></Contents><Contents><Key>p/a&amp;b</Key><Size>7</Size></Contents>\
            <NextContinuationToken>tok</NextContinuationToken></ListBucketResult>
            """
        let objects = S3XML.listedObjects(in: xml)
        #expect(objects == [S3Object(key: "p/a/date=2026-01-01/part-0-x-0.jsonl", size: 5, etag: "\"5d41\""),
                            S3Object(key: "p/a&b", size: 7, etag: "")])
        #expect(S3XML.value(of: "NextContinuationToken", in: xml) == "tok")
        let error = S3Error(kind: .status(403), operation: "upload", target: "s3://b/k", code: "SignatureDoesNotMatch",
                            message: "The request signature we calculated does not match")
        #expect(error.description == "upload s3://b/k: 403 SignatureDoesNotMatch: The request signature we calculated does not match (check AWS_SECRET_ACCESS_KEY)")
        #expect(error.isConfiguration && !error.isTransient)
        #expect(S3Error(kind: .status(503), operation: "upload", target: "k", code: "SlowDown", message: "").isTransient)
    }

    @Test func partNamesCarryShardRunAndSequence() {
        let partition = Partition(kind: .articles, day: "2026-12-01", shard: 3)
        #expect(S3HiveOutput.partName(partition, run: "20261201T000000Z-abc123", sequence: 2)
                == "articles/date=2026-12-01/part-3-20261201T000000Z-abc123-2.jsonl")
        #expect(S3HiveOutput.partName(Partition(kind: .articles, day: "../x", shard: 0), run: "r", sequence: 0) == nil)
        #expect(S3HiveOutput.shard(ofPart: "articles/date=2026-12-01/part-12-r-0.jsonl") == 12)
        #expect(S3HiveOutput.shard(ofPart: "scores/date=2026-12-01/part-0.jsonl") == 0)
        #expect(S3HiveOutput.shard(ofPart: "articles/date=2026-12-01/notes.txt") == nil)
    }
}
