;;; env.el --- environment helpers
(defun getenv-or (env value)
  "Fetch the value of ENV or, if it is not set, return VALUE."
  (if (getenv env)
      (getenv env)
    value))
(provide 'lib/env)
