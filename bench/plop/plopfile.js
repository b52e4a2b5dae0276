// The plop side of case (a): one generator that renders the collection route
// of a resource from a Handlebars template and writes it, as the hygen
// template in ../hygen does.
// Usage: plop --plopfile bench/plop/plopfile.js --dest <project> endpoint <name>
export default function (plop) {
  plop.setHelper('singular', (name) => name.replace(/ies$/, 'y').replace(/s$/, ''));
  plop.setGenerator('endpoint', {
    description: 'a Next.js route handler for a resource',
    prompts: [{ type: 'input', name: 'name', message: 'resource (plural)' }],
    actions: [
      {
        type: 'add',
        path: 'src/app/api/{{name}}/route.ts',
        templateFile: 'templates/route.ts.hbs',
      },
    ],
  });
}
