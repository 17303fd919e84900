/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native and wasm-backed packages stay outside the bundle and load from node_modules at run time.
  serverExternalPackages: [
    "better-sqlite3",
    "@prisma/adapter-better-sqlite3",
    "@prisma/adapter-pg",
    "@node-rs/argon2",
    "ioredis",
    "pg",
  ],
  poweredByHeader: false,
  // `npm test` type-checks the whole tree (scripts and tests included) with tsc before building;
  // checking again inside the build would only double the time.
  typescript: { ignoreBuildErrors: true },
  typedRoutes: false,
};

module.exports = nextConfig;
