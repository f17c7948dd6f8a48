;;; init.el -*- lexical-binding: t; -*-

;; This file controls what Doom modules are enabled and what order they load
;; in. Remember to run 'doom sync' after modifying it!

(doom! :input
       :completion
       (company +childframe)
       (vertico +icons)

       :ui
       doom
       doom-dashboard
       hl-todo
       modeline
       ophints
       (popup +defaults)
       treemacs
       vc-gutter
       workspaces

       :editor
       (evil +everywhere)
       file-templates
       fold
       snippets

       :emacs
       dired
       electric
       undo
       vc

       :checkers
       syntax
       (spell +flyspell)

       :tools
       (eval +overlay)
       lookup
       lsp
       magit

       :lang
       emacs-lisp
       markdown
       (org +roam2)
       (python +lsp)
       sh

       :email
       (mu4e +org +gmail)

       :app
       calendar

       :config
       (default +bindings +smartparens))
