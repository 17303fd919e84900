// The bare baseline: node:http answering a JSON echo, nothing else (same shape as the enforcement calls).
import http from "node:http";

const server = http.createServer((req, res) => {
  const chunks = [];
  req.on("data", (c) => chunks.push(c));
  req.on("end", () => {
    const body = JSON.stringify({ ok: true, echo: JSON.parse(Buffer.concat(chunks).toString() || "null") });
    res.writeHead(200, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(body) });
    res.end(body);
  });
});
server.keepAliveTimeout = 65_000;
server.listen(0, "127.0.0.1", () => console.log(`listening ${server.address().port}`));
