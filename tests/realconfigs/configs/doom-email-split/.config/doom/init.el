;;; init.el -*- lexical-binding: t; -*-

(doom! :completion
       (vertico +icons)
       :ui
       doom doom-dashboard modeline (popup +defaults) vc-gutter
       :editor
       (evil +everywhere) file-templates fold snippets
       :emacs
       dired electric undo vc
       :checkers
       syntax
       :tools
       (eval +overlay) lookup magit
       :lang
       emacs-lisp markdown (org +roam2) python sh
       :email
       (mu4e +org +gmail)
       :config
       (default +bindings +smartparens))
