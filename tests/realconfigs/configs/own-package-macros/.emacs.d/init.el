;;; init.el --- Modular configuration  -*- lexical-binding: t -*-

(require 'package)
(add-to-list 'package-archives '("melpa" . "https://melpa.org/packages/"))
(package-initialize)

(defmacro my-emacs-builtin-package (package &rest body)
  "Set up builtin PACKAGE with BODY when it can be required."
  (declare (indent 1))
  `(progn
     (unless (require ,package nil 'noerror)
       (display-warning 'my-emacs (format "Loading `%s' failed" ,package) :warning))
     ,@body))

(defmacro my-emacs-elpa-package (package &rest body)
  "Set up PACKAGE from an archive with BODY.
When BODY starts with (:delay N), it runs N idle seconds after start-up."
  (declare (indent 1))
  (let ((delay (and (eq (car-safe (car body)) :delay) (cadr (car body)))))
    (when delay (setq body (cdr body)))
    (if delay
        `(run-with-idle-timer ,delay nil (lambda () (require ,package nil t) ,@body))
      `(progn
         (unless (package-installed-p ,package)
           (condition-case err
               (package-install ,package)
             (error (display-warning 'my-emacs (error-message-string err) :warning))))
         (require ,package nil t)
         ,@body))))

(defvar my-emacs-modules '("my-emacs-essentials" "my-emacs-email" "my-emacs-completion"))
(dolist (module my-emacs-modules)
  (load (expand-file-name (concat "modules/" module) user-emacs-directory) nil t))
