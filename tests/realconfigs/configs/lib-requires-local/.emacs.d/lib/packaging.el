;;; packaging.el --- what is installed
(defun feature-p (feature)
  "Non-nil when FEATURE is installed (a file of its name is on `load-path')."
  (or (featurep feature)
      (locate-library (symbol-name feature))))

(defmacro with-feature (feature &rest body)
  "Require FEATURE and run BODY."
  (declare (indent defun))
  `(when (require ,feature nil t)
     ,@body))
(provide 'lib/packaging)
