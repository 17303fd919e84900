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
  typedRoutes: false,
};

module.exports = nextConfig;
