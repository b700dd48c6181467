// Bundles one app (plus the CLI, for migrations) into dist/<app>/ for the Docker images.
// swc keeps decorator metadata, which Nest's dependency injection needs.
const path = require('node:path');
const nodeExternals = require('webpack-node-externals');
const TsconfigPathsPlugin = require('tsconfig-paths-webpack-plugin');

module.exports = (env = {}) => {
  const app = env.app ?? 'api';
  return {
    mode: 'production',
    target: 'node',
    devtool: 'source-map',
    entry: { main: `./apps/${app}/src/main.ts`, cli: './tools/cli/main.ts' },
    output: { path: path.resolve(__dirname, 'dist', app), filename: '[name].js', clean: true },
    externals: [nodeExternals()],
    externalsPresets: { node: true },
    optimization: { minimize: false },
    resolve: { extensions: ['.ts', '.js'], plugins: [new TsconfigPathsPlugin({ configFile: 'tsconfig.base.json' })] },
    module: {
      rules: [
        {
          test: /\.ts$/,
          exclude: /node_modules/,
          use: {
            loader: 'swc-loader',
            options: {
              jsc: {
                parser: { syntax: 'typescript', decorators: true },
                transform: { legacyDecorator: true, decoratorMetadata: true },
                target: 'es2022',
                keepClassNames: true,
              },
              module: { type: 'commonjs' },
            },
          },
        },
      ],
    },
  };
};
