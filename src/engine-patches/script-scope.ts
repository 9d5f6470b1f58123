/**
 * uniscope's `exec` (the sandbox worker runs every script through it): the scope it builds
 * for a script — which globals the script sees, which are hidden, what it imports — built the
 * same way with Sets and Maps where uniscope searches lists. uniscope matches the worker's
 * ~130 global names against its ~90 allowed ones, its hidden and imported names, every
 * execution still running (with `--parallel`, several at once) and, when the script ends,
 * the globals again: some 10⁵ list comparisons, ~0.1–0.2 ms of the worker per script. The
 * order of the names (the compiled function's parameters), their values, the script's
 * `this`, the names remembered as the scripts' own (`_locals`, in the order found) and the
 * errors are uniscope's. Minified: `r` is uniscope's util, `a` "console", `i` "eval", `s` the
 * allowed globals, `c` the global object's getter — names the bundle's own.
 */
const ORIGINAL_EXEC = 'exec(e,t,n){t&&!n&&(n=t,t={}),"boolean"==typeof t&&(t={async:t});const o=Boolean(t&&t.async);if(!r.isFunction(n))throw new Error("missing callback function");if(!r.isString(e))return n(new TypeError("expecting the scope\'s code to be a string"));let u=this._context,l=Object.getOwnPropertyNames(u),p={},d=[],h=this.ignore.slice(),f=this.block.slice();if(!r.has(this._imports,a)&&(this.console?h:f).push(a),!r.has(this._imports,i)&&(this.eval?h:f).push(i),this._pendingExecutions.forEach(e=>{r.threeWayDiff(e.globals,l,this._locals)}),r.forEach(s,e=>{-1===l.indexOf(e)&&l.push(e)}),r.forEach(l,(e,t)=>{s.indexOf(e)>-1?(d[t]=u[e],p[e]=d[t]):(d[t]=void 0,r.has(p,e)&&delete p[e])}),r.forEach(h.concat(this._locals),e=>{const t=l.indexOf(e);t>-1&&(l.splice(t,1),d.splice(t,1))}),r.forOwn(this._imports,(e,t)=>{let n=l.indexOf(t);-1===n&&(n=l.length),l[n]=t,d[n]=e,p[t]=e}),r.forEach(f.concat(t.block||[]),e=>{let t=l.indexOf(e);-1===t&&(t=l.length),l[t]=e,d[t]=void 0,r.has(p,e)&&delete p[e]}),l.length!==d.length)return n(new Error("failing scope integrity"+[l.length,d.length].join(", ")));e=";var arguments = undefined;\\n"+e+"\\n;",this.strict&&(e=\'"use strict";\\n\'+e),n=this._trackExecution({globals:l},n);try{Function.apply(p,l.concat("__exitscope",e)).apply(p,d.concat(function(){r.threeWayDiff(l,Object.getOwnPropertyNames(c()),this._locals),o&&n.apply(p,arguments)}.bind(this)))}catch(m){return n(m)}return o?void 0:(r.threeWayDiff(l,Object.getOwnPropertyNames(c()),this._locals),n())}';

/**
 * uniscope's `threeWayDiff(known, names, locals)`: each of `names` neither known nor in
 * `locals` is added to `locals`, in order. `known` is a Set (or anything with `has`).
 */
const ADD_LOCALS = `function jcAddLocals(known, names, locals) {
  var seen = new Set(locals), k, name;
  for (k = 0; k < names.length; k++) {
    name = names[k];
    if (!known.has(name) && !seen.has(name)) { locals.push(name); seen.add(name); }
  }
}`;

const EXEC = `exec(e,t,n){t&&!n&&(n=t,t={}),"boolean"==typeof t&&(t={async:t});const o=Boolean(t&&t.async);if(!r.isFunction(n))throw new Error("missing callback function");if(!r.isString(e))return n(new TypeError("expecting the scope's code to be a string"));
  let u=this._context,l=Object.getOwnPropertyNames(u),p={},d=[],h=this.ignore.slice(),f=this.block.slice(),k,x,at;
  !r.has(this._imports,a)&&(this.console?h:f).push(a),!r.has(this._imports,i)&&(this.eval?h:f).push(i);
  this._pendingExecutions.forEach(e=>{jcAddLocals(e.jcAt||new Set(e.globals),l,this._locals)});
  at=new Set(l);
  for(k=0;k<s.length;k++)at.has(s[k])||(l.push(s[k]),at.add(s[k]));
  for(k=0;k<l.length;k++)x=l[k],jcAllowed.has(x)?(d[k]=u[x],p[x]=d[k]):(d[k]=void 0,r.has(p,x)&&delete p[x]);
  at=new Set(h);for(k=0;k<this._locals.length;k++)at.add(this._locals[k]);
  if(at.size){let w=0;for(k=0;k<l.length;k++)at.has(l[k])||(l[w]=l[k],d[w]=d[k],w++);l.length=w,d.length=w}
  at=new Map;for(k=0;k<l.length;k++)at.set(l[k],k);
  r.forOwn(this._imports,(e,t)=>{let n=at.get(t);void 0===n&&(n=l.length,at.set(t,n)),l[n]=t,d[n]=e,p[t]=e});
  r.forEach(f.concat(t.block||[]),e=>{let t=at.get(e);void 0===t&&(t=l.length,at.set(e,t)),l[t]=e,d[t]=void 0,r.has(p,e)&&delete p[e]});
  if(l.length!==d.length)return n(new Error("failing scope integrity"+[l.length,d.length].join(", ")));e=";var arguments = undefined;\\n"+e+"\\n;",this.strict&&(e='"use strict";\\n'+e),n=this._trackExecution({globals:l,jcAt:at},n);try{Function.apply(p,l.concat("__exitscope",e)).apply(p,d.concat(function(){jcAddLocals(at,Object.getOwnPropertyNames(c()),this._locals),o&&n.apply(p,arguments)}.bind(this)))}catch(m){return n(m)}return o?void 0:(jcAddLocals(at,Object.getOwnPropertyNames(c()),this._locals),n())}`;

/** The bundle is one line: so are the changes (no comments in them). */
const oneLine = (code: string): string => code.replace(/\n\s*/g, ' ');

/** The changes in the sandbox's bundle: the helpers beside uniscope's requires, then `exec`. */
export const SCRIPT_SCOPE: Array<{ from: string; to: string }> = [
  {
    from: 's=e("./allowed-globals"),c=e("./get-context-object");',
    to: oneLine(`s=e("./allowed-globals"),c=e("./get-context-object"),jcAllowed=new Set(s);${ADD_LOCALS}`),
  },
  { from: ORIGINAL_EXEC, to: oneLine(EXEC) },
];
