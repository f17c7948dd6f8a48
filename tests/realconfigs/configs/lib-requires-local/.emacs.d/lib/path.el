;;; path.el --- path helpers
(defun path-join (root &rest dirs)
  "Join ROOT and DIRS into one path."
  (if (not dirs)
      root
    (apply 'path-join
           (expand-file-name (car dirs) root)
           (cdr dirs))))
(provide 'lib/path)
